// YASGUI against this server's read-only endpoint; nothing is fetched from elsewhere.
(function () {
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: "/sparql", method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: "/sparql" }] },
    yasqe: { value: "SELECT ?name ?class WHERE {\n  ?s a ?class ; <https://w3id.org/bilateral/ontology#name> ?name .\n} ORDER BY ?name LIMIT 20" },
  });
  window.bilateralYasgui = yasgui;
})();
