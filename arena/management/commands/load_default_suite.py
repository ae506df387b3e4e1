"""manage.py load_default_suite: the arena's own 5,000 prompts, under their name and version."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from arena.prompt_suites import build


class Command(BaseCommand):
    help = (
        f"Load the default suite {build.SUITE_NAME} {build.SUITE_VERSION} "
        f"({build.SUITE_PATH.name}); loading it again adds nothing."
    )

    def handle(self, *args, **options):
        call_command(
            "load_prompts",
            str(build.SUITE_PATH),
            suite=build.SUITE_NAME,
            suite_version=build.SUITE_VERSION,
            source=f"{build.SUITE_PATH.name} (python -m arena.prompt_suites.build)",
            description="The arena's default suite: 5,000 curated English and Chinese prompts.",
            stdout=self.stdout,
        )
