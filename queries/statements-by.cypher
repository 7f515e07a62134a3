// name: statements-by
// answers: What a person said, optionally at one meeting or on one topic or sector, with the source quoting it.
// param person: person        the speaker (a name, an alias, or an IRI)
// param meeting: meeting?     only what was said at this meeting
// param topic: topic?         only statements on this topic or sector (its id, name or HS code)
// columns: date, text, occasion, topics, source
MATCH (s:Statement)-[:SPEAKER]->(:Person {uri: $person})
OPTIONAL MATCH (s)-[:OCCASION]->(m:Meeting)
WITH s, m
WHERE ($meeting IS NULL OR m.uri = $meeting)
  AND ($topic IS NULL OR EXISTS { MATCH (s)-[:TOPIC]->(:Resource {uri: $topic}) })
OPTIONAL MATCH (s)-[:TOPIC]->(t)
WITH s, m, collect(DISTINCT t.name) AS names
UNWIND s.sources AS source
RETURN DISTINCT s.date AS date, s.text AS text, m.uri AS occasion,
       reduce(acc = '', n IN names | acc + CASE WHEN acc = '' THEN '' ELSE '; ' END + n) AS topics, source
ORDER BY date, text, source
