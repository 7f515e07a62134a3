// name: trade-balance
// answers: Goods trade of country a with country b by year, one row per source and currency: a's exports to b, a's imports from b, the balance computed from those flows, and the balance the source reports (turned to a's side when the source speaks of b's).
// param a: country            the country whose balance it is (USA)
// param b: country            its partner (JPN)
// param years: years?         a year (2024) or a range (2023-2024)
// columns: year, source, reporter, currency, exports, imports, balance_computed, balance_reported
MATCH (a:Country {uri: $a}), (b:Country {uri: $b})
CALL (a, b) {
  MATCH (f:TradeFlow)-[:SECTOR]->(:Sector {notation: 'TOTAL'}), (f)-[:EXPORTER]->(x), (f)-[:IMPORTER]->(y)
  WHERE (x = a AND y = b) OR (x = b AND y = a)
  RETURN f AS item
  UNION
  MATCH (o:IndicatorObservation {indicator: 'goods_balance'})-[:COUNTRY]->(x), (o)-[:PARTNER]->(y)
  WHERE (x = a AND y = b) OR (x = b AND y = a)
  RETURN o AS item
}
WITH a, b, item
WHERE item.currency IS NOT NULL AND ($years_from IS NULL OR (item.year >= $years_from AND item.year <= $years_to))
UNWIND item.sources AS source
OPTIONAL MATCH (item)-[:REPORTER]->(r:Country)
WITH DISTINCT a, b, item.year AS year, source, item.currency AS currency, r.iso3 AS reporter
OPTIONAL MATCH (e:TradeFlow)-[:EXPORTER]->(a), (e)-[:IMPORTER]->(b), (e)-[:SECTOR]->(:Sector {notation: 'TOTAL'})
  WHERE e.year = year AND e.currency = currency AND source IN e.sources
WITH a, b, year, source, currency, reporter, e.value AS exports
OPTIONAL MATCH (i:TradeFlow)-[:EXPORTER]->(b), (i)-[:IMPORTER]->(a), (i)-[:SECTOR]->(:Sector {notation: 'TOTAL'})
  WHERE i.year = year AND i.currency = currency AND source IN i.sources
WITH a, b, year, source, currency, reporter, exports, i.value AS imports
OPTIONAL MATCH (o:IndicatorObservation {indicator: 'goods_balance'})-[:COUNTRY]->(bx), (o)-[:PARTNER]->(by)
  WHERE ((bx = a AND by = b) OR (bx = b AND by = a)) AND o.year = year AND o.currency = currency AND source IN o.sources
RETURN DISTINCT year, source, reporter, currency, exports, imports, exports - imports AS balance_computed,
       CASE WHEN o IS NULL THEN null WHEN bx = a THEN o.value ELSE -o.value END AS balance_reported
ORDER BY year, source, currency
