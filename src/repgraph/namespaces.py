"""The IRIs repgraph mints and the vocabularies it uses."""
from __future__ import annotations

BASE = "https://w3id.org/repgraph/"
RG = BASE + "ontology#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
VOCAB = BASE + "vocab/"
ONTOLOGY_GRAPH = GRAPH + "ontology"   # the named graph holding the ontology, shapes and vocabularies
IDENTITY_GRAPH = GRAPH + "identity"   # owl:sameAs links of retired IRIs and the analysts' identity links
SHARED_GRAPHS = (ONTOLOGY_GRAPH, IDENTITY_GRAPH)   # the named graphs that are not an appeal's

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
DCTERMS = "http://purl.org/dc/terms/"
WD = "http://www.wikidata.org/entity/"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {
    "rg": RG, "rgid": ID, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "skos": SKOS,
    "schema": SCHEMA, "foaf": FOAF, "prov": PROV, "oa": OA, "org": ORG, "dcterms": DCTERMS, "wd": WD,
    "ev": VOCAB + "event/", "kin": VOCAB + "kinship/", "orgkind": VOCAB + "org-kind/",
    "pen": VOCAB + "penalty/", "vc": VOCAB + "violation/", "country": ID + "country/",
}


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, to prepend to a query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
