"""haystack's own test settings, minus the connections to servers the Whoosh suite never uses.

(The solr and elasticsearch connections would import pysolr/elasticsearch clients
whenever the suite resets every connection's query log.)
"""

from test_haystack.settings import *  # noqa: F403
from test_haystack.settings import HAYSTACK_CONNECTIONS

for _alias in ("solr", "elasticsearch"):
    HAYSTACK_CONNECTIONS.pop(_alias, None)
