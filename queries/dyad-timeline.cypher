// name: dyad-timeline
// answers: What happened between two countries, in order: meetings, statements made at them, commitments, treaty signatures, entries into force and ends.
// param a: country            one country
// param b: country            the other country
// columns: date, event, what, detail, source
MATCH (d:Dyad)-[:MEMBER]->(a:Country {uri: $a}), (d)-[:MEMBER]->(b:Country {uri: $b})
WHERE a <> b
CALL (d) {
  MATCH (m:Meeting)-[r:DYAD]->(d)
  UNWIND r.sources AS source
  UNWIND CASE WHEN valueType(m.place) STARTS WITH 'LIST' THEN m.place ELSE [m.place] END AS place
  RETURN m.date AS date, 'meeting' AS event, m.kind AS what, place AS detail, source
  UNION
  MATCH (s:Statement)-[:OCCASION]->(:Meeting)-[:DYAD]->(d), (s)-[:SPEAKER]->(p:Person)
  UNWIND s.sources AS source
  RETURN s.date AS date, 'statement' AS event, p.name AS what, s.text AS detail, source
  UNION
  MATCH (c:Commitment)-[:DYAD]->(d), (c)-[:PARTY]->(party:Country)
  UNWIND c.sources AS source
  RETURN c.date AS date, 'commitment' AS event, party.iso3 AS what, c.description AS detail, source
  UNION
  MATCH (t:Treaty)-[:DYAD]->(d)
  UNWIND [['signedDate', 'signed'], ['inForceDate', 'entered into force'], ['endDate', 'ended']] AS kind
  WITH t, kind, t[kind[0]] AS v, t[kind[0] + '_sources'] AS vs
  WHERE v IS NOT NULL
  WITH t, kind,
       CASE WHEN valueType(v) STARTS WITH 'LIST' THEN v ELSE [v] END AS dates,
       CASE WHEN valueType(v) STARTS WITH 'LIST' THEN vs
            ELSE [coalesce(vs, reduce(acc = '', x IN t.sources | acc + ' ' + x))] END AS who
  UNWIND range(0, size(dates) - 1) AS i
  UNWIND split(trim(who[i]), ' ') AS source
  RETURN dates[i] AS date, 'treaty' AS event, kind[1] AS what, t.name AS detail, source
}
RETURN DISTINCT date, event, what, detail, source
ORDER BY date, event, what, detail, source
