// name: top-sectors
// answers: The sectors with the largest trade flows from an exporter to an importer in a year, ranked within each source and currency (totals left out).
// param exporter: country     the exporting country
// param importer: country     the importing country
// param year: year            the year
// param n: integer            how many sectors per source and currency
// columns: rank, sector, name, value, currency, reporter, source
MATCH (f:TradeFlow)-[:EXPORTER]->(:Country {uri: $exporter}), (f)-[:IMPORTER]->(:Country {uri: $importer}),
      (f)-[:SECTOR]->(s:Sector), (f)-[:REPORTER]->(r:Country)
WHERE f.year = $year AND coalesce(s.notation, '') <> 'TOTAL'
UNWIND f.sources AS source
OPTIONAL MATCH (o:TradeFlow)-[:EXPORTER]->(:Country {uri: $exporter}), (o)-[:IMPORTER]->(:Country {uri: $importer}),
               (o)-[:SECTOR]->(s2:Sector)
  WHERE o.year = $year AND o.currency = f.currency AND source IN o.sources
    AND coalesce(s2.notation, '') <> 'TOTAL' AND o.value > f.value
WITH f, s, r, source, count(DISTINCT o) + 1 AS rank
WHERE rank <= $n
RETURN DISTINCT rank, s.uri AS sector,
       CASE WHEN valueType(s.name) STARTS WITH 'LIST'
            THEN reduce(first = null, x IN s.name | CASE WHEN first IS NULL OR x < first THEN x ELSE first END)
            ELSE s.name END AS name, f.value AS value, f.currency AS currency, r.iso3 AS reporter, source
ORDER BY source, currency, rank, sector
