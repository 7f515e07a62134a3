// name: sources-of
// answers: Every source that asserts something about an entity (as subject or as object of a fact), with its title, URL and reliability.
// param entity: entity        the entity: a country, person, meeting, topic, treaty... by name or IRI
// columns: source, title, url, reliability
MATCH (e:Resource {uri: $entity})
CALL (e) {
  RETURN e.sources AS ids
  UNION
  MATCH (e)-[r]-()
  RETURN r.sources AS ids
}
UNWIND ids AS source
WITH DISTINCT source
MATCH (s:Source) WHERE s.uri ENDS WITH '/source/' + source
RETURN DISTINCT source, s.title AS title, s.url AS url, s.reliability AS reliability
ORDER BY source
