"""python manage.py evaluate — precision, recall and F1 of the splitter and tagger against the gold pages."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.evaluation import evaluate
from archive.evaluation_real import evaluate_real
from archive.ingest.rules import DEFAULT_PATH, RulesError, load_rules


class Command(BaseCommand):
    help = "对照人工整理的金标准，报告自动切分与标注的准确率、召回率和 F1"

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=str(Path(settings.BASE_DIR) / "fixtures"))
        # re-measure with a changed rules file before committing it (the default is the shipped one)
        parser.add_argument("--rules", default=None, help=f"切分与标注规则文件（默认 {DEFAULT_PATH}）")
        # real pages: the gold is fixtures/real/*.json, their text (not in the repository) is in DIR
        parser.add_argument(
            "--real", metavar="DIR", default=None, help="真实版面文字所在目录（每版一个 NAME.txt）"
        )
        parser.add_argument("--misses", action="store_true", help="同时列出真实版面上的每一处错误")

    def handle(self, *args, **opts):
        root = Path(opts["fixtures"])
        rules = Path(opts["rules"]) if opts["rules"] else DEFAULT_PATH
        try:
            load_rules(path=rules)
        except (OSError, RulesError, ValueError) as e:
            raise CommandError(f"规则文件 {rules}：{e}") from e
        if opts["rules"]:
            self.stdout.write(f"规则文件：{rules}")
        if opts["real"]:
            self._report_real(
                evaluate_real(gold_dir=root / "real", text_dir=Path(opts["real"]), rules=rules), opts
            )
            return
        seeds = [(root / "seeds" / f"{p.stem}.txt", p) for p in sorted((root / "curated").glob("*.json"))]
        extra = [(p.with_suffix(".txt"), p) for p in sorted((root / "extra").glob("*.json"))]
        # written and annotated after the rules, by someone who saw neither the rules nor their output
        heldout = [(p.with_suffix(".txt"), p) for p in sorted((root / "heldout").glob("*.json"))]
        sets = (("五个种子版面", seeds), ("自编其他版式版面", extra), ("留出版面（规则写成后编写）", heldout))
        for title, pairs in sets:
            if pairs:
                self.stdout.write(f"== {title}（{len(pairs)} 版）")
                self._report(evaluate(pairs=pairs, rules=rules))

    def _report(self, report):
        rows = [
            ("文章边界", report.boundaries),
            ("地区标签", report.cities),
            ("主题标签", report.themes),
            ("领域(一级)", report.fields),
        ]
        self.stdout.write(f"{'指标':<8}{'准确率':>8}{'召回率':>8}{'F1':>8}")
        for name, score in rows:
            self.stdout.write(f"{name:<8}{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>8.3f}")
        self.stdout.write(
            f"标题完全一致：{report.headlines_right}/{report.headlines_total} = {report.headline_accuracy:.3f}"
        )

    def _report_real(self, result, opts) -> None:
        for name in result.skipped:
            self.stdout.write(f"skipped: no text — {name}")
        titles = {"single": "真实版面：单篇", "multi": "真实版面：多条目"}
        for layout, r in sorted(result.layouts.items()):
            self.stdout.write(f"== {titles.get(layout, layout)}（{r.pages} 版）")
            b = r.boundaries
            self.stdout.write(f"文章边界 F1 {b.f1:.3f}（准确率 {b.precision:.3f}，召回率 {b.recall:.3f}）")
            self.stdout.write(f"标题：{r.headlines_right}/{r.headlines_printed}")
            self.stdout.write(f"地区（盟市一级）F1 {r.cities.f1:.3f}")
            self.stdout.write(
                f"出处字段：载明 {r.stated_fields}，取得 {r.captured_fields}，凭空得出 {r.invented_fields}"
            )
            self.stdout.write(
                f"垃圾文章 {r.junk_articles}；含版面杂项的文章 {r.articles_with_furniture}；无着落的行 {r.unaccounted_lines}"
            )
            if opts["misses"]:
                for miss in r.misses:
                    self.stdout.write(f"  - {miss}")
