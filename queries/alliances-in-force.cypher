// name: alliances-in-force
// answers: Treaties binding two countries that were in force on a day, one row per source giving the in-force date (sources may disagree).
// param a: country            one party
// param b: country            the other party
// param date: date            the day
// columns: treaty, name, in_force, signed, alliance_types, source
// A property with several values is a list, with `NAME_sources` giving each value's sources
// (docs/neo4j-mapping.md); one value is a scalar, its sources in `NAME_sources` or the node's.
MATCH (t:Treaty)-[:PARTY]->(:Country {uri: $a}), (t)-[:PARTY]->(:Country {uri: $b})
WHERE t.inForceDate IS NOT NULL
WITH t,
     CASE WHEN valueType(t.inForceDate) STARTS WITH 'LIST' THEN t.inForceDate ELSE [t.inForceDate] END AS dates,
     CASE WHEN valueType(t.inForceDate) STARTS WITH 'LIST' THEN t.inForceDate_sources
          ELSE [coalesce(t.inForceDate_sources, reduce(acc = '', x IN t.sources | acc + ' ' + x))] END AS who
UNWIND range(0, size(dates) - 1) AS i
WITH t, dates[i] AS in_force, split(trim(who[i]), ' ') AS sources
WHERE in_force <= $date
  AND NOT any(e IN CASE WHEN valueType(t.endDate) STARTS WITH 'LIST' THEN t.endDate ELSE [t.endDate] END
              WHERE e IS NOT NULL AND e < $date)
UNWIND sources AS source
WITH t, in_force, source,
     CASE WHEN t.signedDate IS NULL THEN []
          WHEN valueType(t.signedDate) STARTS WITH 'LIST' THEN t.signedDate ELSE [t.signedDate] END AS signed_dates,
     CASE WHEN t.signedDate IS NULL THEN []
          WHEN valueType(t.signedDate) STARTS WITH 'LIST' THEN t.signedDate_sources
          ELSE [coalesce(t.signedDate_sources, reduce(acc = '', x IN t.sources | acc + ' ' + x))] END AS signed_who
WITH t, in_force, source,
     [i IN range(0, size(signed_dates) - 1) WHERE source IN split(trim(signed_who[i]), ' ') | signed_dates[i]] AS signed_here
UNWIND CASE WHEN size(signed_here) = 0 THEN [null] ELSE signed_here END AS signed
RETURN DISTINCT t.uri AS treaty, t.name AS name, in_force, signed, t.allianceType AS alliance_types, source
ORDER BY name, in_force, source
