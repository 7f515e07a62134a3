// name: conflicting-figures
// answers: Figures for the same metric, period, countries and currency that differ between sources: every side, each with its source.
// param a: country?           only figures about this country (with b: about this pair)
// param b: country?           the other country
// columns: metric, country, partner, year, currency, value, approximate, source
// (Each figure is grouped with the others of its key, countries, metric or sector, year and
//  currency, and the group is kept when it holds two values. One pass over the figures; asking for
//  each figure whether another of its key differs took more than 10 s at 100,000 BACI rows.)
CALL () {
  MATCH (o:IndicatorObservation)-[:COUNTRY]->(c:Country), (o)-[:PARTNER]->(p:Country)
  WHERE o.indicator IS NOT NULL AND o.year IS NOT NULL AND o.currency IS NOT NULL AND o.value IS NOT NULL
  RETURN o, o.indicator AS metric, null AS sector, c, p
  UNION
  MATCH (o:TradeFlow)-[:EXPORTER]->(c:Country), (o)-[:IMPORTER]->(p:Country), (o)-[:SECTOR]->(s:Sector)
  WHERE o.year IS NOT NULL AND o.currency IS NOT NULL AND o.value IS NOT NULL
  RETURN o, 'exports:' + s.notation AS metric, s AS sector, c, p
}
WITH o, metric, sector, c, p
WHERE ($a IS NULL OR c.uri = $a OR p.uri = $a) AND ($b IS NULL OR c.uri = $b OR p.uri = $b)
WITH metric, sector, c, p, o.year AS year, o.currency AS currency, collect(o) AS figures
WHERE size(figures) > 1 AND any(f IN figures WHERE f.value <> figures[0].value)
UNWIND figures AS o
UNWIND o.sources AS source
RETURN DISTINCT metric, c.iso3 AS country, p.iso3 AS partner, o.year AS year, o.currency AS currency,
       o.value AS value, o.approximate AS approximate, source
ORDER BY metric, country, partner, year, currency, value, source
