// name: leader-on
// answers: Who held an office of a country on a day: by default its leaders (heads of state and of government), or the office named.
// param country: country      the country (JPN, Japan or an IRI)
// param date: date            the day (ISO 8601)
// param office: string?       an office title as the sources give it (Prime Minister); default: the leaders
// columns: person, name, title, start, end, source
MATCH (t:Tenure)-[:HOLDER]->(p:Person), (t)-[:COUNTRY]->(:Country {uri: $country})
WHERE ((t.startDate IS NOT NULL AND t.startDate <= $date) OR (t.attestedDate IS NOT NULL AND t.attestedDate = $date))
  AND (t.endDate IS NULL OR t.endDate >= $date)
  AND CASE WHEN $office IS NULL
        THEN any(role IN CASE WHEN valueType(t.role) STARTS WITH 'LIST' THEN t.role ELSE [t.role] END
                 WHERE role IN ['head_of_state', 'head_of_government'])
        ELSE toLower(t.office) = toLower($office) END
UNWIND t.sources AS source
RETURN DISTINCT p.uri AS person, p.name AS name, t.office AS title, t.startDate AS start, t.endDate AS end, source
ORDER BY name, source
