// name: meeting-participants
// answers: Each participant of a meeting, with the office they held on the meeting's date (from their tenures), and the source naming them as a participant.
// param meeting: meeting      the meeting: its IRI, its name, or its date when only one meeting was held that day
// columns: person, name, country, office, date, source
MATCH (p:Person)-[r:PARTICIPATED_IN]->(m:Meeting {uri: $meeting})
OPTIONAL MATCH (t:Tenure)-[:HOLDER]->(p), (t)-[:COUNTRY]->(c:Country)
  WHERE ((t.startDate IS NOT NULL AND t.startDate <= m.date) OR (t.attestedDate IS NOT NULL AND t.attestedDate = m.date))
    AND (t.endDate IS NULL OR t.endDate >= m.date)
UNWIND r.sources AS source
RETURN DISTINCT p.uri AS person, p.name AS name, c.iso3 AS country, t.office AS office, m.date AS date, source
ORDER BY name, source
