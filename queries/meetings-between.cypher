// name: meetings-between
// answers: Meetings between two countries (of their dyad), optionally between two dates, with the source reporting each.
// param a: country            one country
// param b: country            the other country
// param from: date?           first day (inclusive)
// param to: date?             last day (inclusive)
// columns: meeting, date, kind, name, place, host, source
MATCH (m:Meeting)-[r:DYAD]->(d:Dyad)-[:MEMBER]->(a:Country {uri: $a}), (d)-[:MEMBER]->(b:Country {uri: $b})
WHERE a <> b AND ($from IS NULL OR m.date >= $from) AND ($to IS NULL OR m.date <= $to)
OPTIONAL MATCH (m)-[:HOST]->(h:Country)
UNWIND r.sources AS source
UNWIND CASE WHEN valueType(m.name) STARTS WITH 'LIST' THEN m.name ELSE [m.name] END AS name
UNWIND CASE WHEN valueType(m.place) STARTS WITH 'LIST' THEN m.place ELSE [m.place] END AS place
RETURN DISTINCT m.uri AS meeting, m.date AS date, m.kind AS kind, name, place, h.iso3 AS host, source
ORDER BY date, meeting, source
