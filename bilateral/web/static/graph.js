// The graph view: an entity's neighbourhood; a click expands a node (the server caps it, "and N more").
(function () {
  const box = document.getElementById("cy");
  const status = document.getElementById("status");
  const cy = cytoscape({
    container: box,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#1f5fa8",
        "text-wrap": "ellipsis", "text-max-width": 140, width: 14, height: 14 } },
      { selector: "node.expanded", style: { "background-color": "#b5451b" } },
      { selector: "node.more", style: { shape: "round-rectangle", "background-color": "#999", width: 30 } },
      { selector: "edge", style: { width: 1, "line-color": "#aab", "curve-style": "bezier", color: "#667",
        "font-size": 8 } },
      // an edge says what it is when it or one of its ends is hovered or selected (all at once is a blur)
      { selector: "edge.lit", style: { label: "data(label)", "line-color": "#b5451b", width: 2 } },
    ],
  });
  function expand(iri) {
    const node = cy.getElementById(iri);
    if (node.length && node.hasClass("expanded")) return;
    status.textContent = "Loading…";
    fetch("/graph/expand?iri=" + encodeURIComponent(iri)).then((r) => r.json()).then((data) => {
      if (data.error) { status.textContent = data.error; return; }
      const fresh = data.elements.filter((e) => cy.getElementById(e.data.id).length === 0);
      cy.add(fresh);
      cy.getElementById(iri).addClass("expanded");
      const moreId = iri + "#more";
      if (data.more > 0 && cy.getElementById(moreId).length === 0) {
        cy.add([{ data: { id: moreId, label: "and " + data.more + " more" }, classes: "more" },
                { data: { id: moreId + "-e", source: iri, target: moreId } }]);
      }
      cy.layout({ name: "cose", animate: false, nodeDimensionsIncludeLabels: true, nodeRepulsion: () => 200000,
                  idealEdgeLength: () => 90, padding: 20 }).run();
      status.textContent = cy.nodes().not(".more").length + " nodes shown";
      box.dataset.nodes = String(cy.nodes().not(".more").length);
    });
  }
  cy.on("tap", "node", (evt) => { if (!evt.target.hasClass("more")) expand(evt.target.id()); });
  cy.on("dbltap", "node", (evt) => { if (!evt.target.hasClass("more")) location.href = "/entity?iri=" + encodeURIComponent(evt.target.id()); });
  cy.on("mouseover", "node", (evt) => evt.target.connectedEdges().addClass("lit"));
  cy.on("mouseout", "node", (evt) => evt.target.connectedEdges().removeClass("lit"));
  window.bilateralGraph = { cy: cy, expand: expand };
  expand(box.dataset.start);
})();
