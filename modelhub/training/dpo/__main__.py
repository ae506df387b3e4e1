import sys

from modelhub.training.dpo.trainer import main

sys.exit(main())
