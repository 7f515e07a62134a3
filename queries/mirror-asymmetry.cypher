// name: mirror-asymmetry
// answers: What each side reports about the same trade flow in a year (exporter's statistics beside the importer's), and the gap between them.
// param a: country            one country
// param b: country            the other country
// param year: year            the year
// columns: exporter, importer, sector, currency, exporter_reports, exporter_source, importer_reports, importer_source, gap, gap_percent
MATCH (x:Country), (y:Country)
WHERE (x.uri = $a AND y.uri = $b) OR (x.uri = $b AND y.uri = $a)
CALL (x, y) {
  MATCH (fx:TradeFlow)-[:EXPORTER]->(x), (fx)-[:IMPORTER]->(y), (fx)-[:REPORTER]->(x), (fx)-[:SECTOR]->(s:Sector)
  WHERE fx.year = $year
  OPTIONAL MATCH (fm:TradeFlow)-[:EXPORTER]->(x), (fm)-[:IMPORTER]->(y), (fm)-[:REPORTER]->(y), (fm)-[:SECTOR]->(s)
    WHERE fm.year = $year AND fm.currency = fx.currency
  RETURN s, fx.currency AS currency, fx AS ex, fm AS im
  UNION
  MATCH (fm:TradeFlow)-[:EXPORTER]->(x), (fm)-[:IMPORTER]->(y), (fm)-[:REPORTER]->(y), (fm)-[:SECTOR]->(s:Sector)
  WHERE fm.year = $year AND NOT EXISTS {
    MATCH (fx2:TradeFlow)-[:EXPORTER]->(x), (fx2)-[:IMPORTER]->(y), (fx2)-[:REPORTER]->(x), (fx2)-[:SECTOR]->(s)
    WHERE fx2.year = $year AND fx2.currency = fm.currency }
  RETURN s, fm.currency AS currency, null AS ex, fm AS im
}
UNWIND CASE WHEN ex IS NULL THEN [null] ELSE ex.sources END AS exporter_source
UNWIND CASE WHEN im IS NULL THEN [null] ELSE im.sources END AS importer_source
RETURN DISTINCT x.iso3 AS exporter, y.iso3 AS importer, coalesce(s.notation, s.name) AS sector, currency,
       ex.value AS exporter_reports, exporter_source, im.value AS importer_reports, importer_source,
       im.value - ex.value AS gap, round(10000.0 * (im.value - ex.value) / ex.value) / 100 AS gap_percent
ORDER BY exporter, importer, sector, currency, exporter_source, importer_source
