import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # let the tests run from a checkout without `pip install -e`
    sys.path.insert(0, str(ROOT))
