// name: conflicting-figures
// answers: Figures for the same metric, period, countries and currency that differ between sources: every side, each with its source.
// param a: country?           only figures about this country (with b: about this pair)
// param b: country?           the other country
// columns: metric, country, partner, year, currency, value, approximate, source
CALL () {
  MATCH (o:IndicatorObservation)-[:COUNTRY]->(c:Country), (o)-[:PARTNER]->(p:Country)
  WHERE o.currency IS NOT NULL AND EXISTS {
    MATCH (o2:IndicatorObservation)-[:COUNTRY]->(c), (o2)-[:PARTNER]->(p)
    WHERE o2.indicator = o.indicator AND o2.year = o.year AND o2.currency = o.currency AND o2.value <> o.value }
  RETURN o, o.indicator AS metric, c, p
  UNION
  MATCH (o:TradeFlow)-[:EXPORTER]->(c:Country), (o)-[:IMPORTER]->(p:Country), (o)-[:SECTOR]->(s:Sector)
  WHERE EXISTS {
    MATCH (o2:TradeFlow)-[:EXPORTER]->(c), (o2)-[:IMPORTER]->(p), (o2)-[:SECTOR]->(s)
    WHERE o2.year = o.year AND o2.currency = o.currency AND o2.value <> o.value }
  RETURN o, 'exports:' + s.notation AS metric, c, p
}
WITH o, metric, c, p
WHERE ($a IS NULL OR c.uri = $a OR p.uri = $a) AND ($b IS NULL OR c.uri = $b OR p.uri = $b)
UNWIND o.sources AS source
RETURN DISTINCT metric, c.iso3 AS country, p.iso3 AS partner, o.year AS year, o.currency AS currency,
       o.value AS value, o.approximate AS approximate, source
ORDER BY metric, country, partner, year, currency, value, source
