"""Evidence layer: load and validate `data/`, take it at a date, cite it, measure its spread.

`at(as_of)` returns an immutable `Snapshot`; everything above this layer works on snapshots.
Modules: `package` (descriptor, loading, validation), `snapshot` (the as-of view), `dates`
(the fixed dates and date parsing), `spread` (qualifiers as intervals, spread between sources),
`sources` (citations), `audit` (provenance checks of the rows).
"""

from .dates import ARTICLE_AS_OF, TODAY, day
from .snapshot import Snapshot, at

__all__ = ["ARTICLE_AS_OF", "TODAY", "Snapshot", "at", "day"]
