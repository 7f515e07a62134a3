// name: event-context
// answers: The context of a meeting: its participants and their offices that day, the dyad's latest figures from before it (the latest year any source gives, each source's figure for it), the treaties in force, what was said and committed, and the topics discussed.
// param meeting: meeting      the meeting: its IRI, its name, or its date when only one meeting was held that day
// columns: section, item, detail, date, value, currency, source
MATCH (m:Meeting {uri: $meeting})-[:DYAD]->(d:Dyad)
CALL (m, d) {
  MATCH (p:Person)-[r:PARTICIPATED_IN]->(m)
  OPTIONAL MATCH (t:Tenure)-[:HOLDER]->(p)
    WHERE ((t.startDate IS NOT NULL AND t.startDate <= m.date) OR (t.attestedDate IS NOT NULL AND t.attestedDate = m.date))
      AND (t.endDate IS NULL OR t.endDate >= m.date)
  UNWIND r.sources AS source
  RETURN 'participant' AS section, p.name AS item, t.office AS detail, m.date AS date, null AS value,
         null AS currency, source
  UNION
  MATCH (o:IndicatorObservation)-[:DYAD]->(d), (o)-[:COUNTRY]->(c:Country), (o)-[:PARTNER]->(p:Country)
  WHERE NOT o:Claim AND o.year < m.date.year AND NOT EXISTS {
    MATCH (later:IndicatorObservation)-[:DYAD]->(d), (later)-[:COUNTRY]->(c), (later)-[:PARTNER]->(p)
    WHERE later.indicator = o.indicator AND later.year > o.year AND later.year < m.date.year }
  UNWIND o.sources AS source
  RETURN 'figure' AS section, o.indicator AS item, c.iso3 + ' with ' + p.iso3 + ', ' + toString(o.year) AS detail,
         null AS date, o.value AS value, o.currency AS currency, source
  UNION
  MATCH (t:Treaty)-[:DYAD]->(d)
  WHERE t.inForceDate IS NOT NULL
    AND NOT any(e IN CASE WHEN valueType(t.endDate) STARTS WITH 'LIST' THEN t.endDate ELSE [t.endDate] END
                WHERE e IS NOT NULL AND e < m.date)
  WITH m, t,
       CASE WHEN valueType(t.inForceDate) STARTS WITH 'LIST' THEN t.inForceDate ELSE [t.inForceDate] END AS dates,
       CASE WHEN valueType(t.inForceDate) STARTS WITH 'LIST' THEN t.inForceDate_sources
            ELSE [coalesce(t.inForceDate_sources, reduce(acc = '', x IN t.sources | acc + ' ' + x))] END AS who
  UNWIND range(0, size(dates) - 1) AS i
  WITH m, t, dates[i] AS in_force, who[i] AS sources
  WHERE in_force <= m.date
  UNWIND split(trim(sources), ' ') AS source
  RETURN 'treaty' AS section, t.name AS item, 'in force since' AS detail, in_force AS date, null AS value,
         null AS currency, source
  UNION
  MATCH (s:Statement)-[:OCCASION]->(m), (s)-[:SPEAKER]->(speaker:Person)
  UNWIND s.sources AS source
  RETURN 'statement' AS section, speaker.name AS item, s.text AS detail, s.date AS date, null AS value,
         null AS currency, source
  UNION
  MATCH (k:Commitment)-[:OCCASION]->(m), (k)-[:PARTY]->(party:Country)
  UNWIND k.sources AS source
  RETURN 'commitment' AS section, party.iso3 AS item, k.description AS detail, k.date AS date, k.value AS value,
         k.currency AS currency, source
  UNION
  MATCH (m)-[r:TOPIC]->(topic)
  UNWIND r.sources AS source
  RETURN 'topic' AS section, topic.name AS item, topic.scheme AS detail, null AS date, null AS value,
         null AS currency, source
}
RETURN DISTINCT section, item, detail, date, value, currency, source
ORDER BY section, item, date, detail, source
