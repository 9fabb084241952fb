"""The one-command report (``corpusling report``): every analysis, its tables, figures, provenance and a page.

* :mod:`corpusling.report.build`: the run, batch by batch (:func:`report`, :func:`build_report`,
  :func:`report_folder`);
* :mod:`corpusling.report.page`: the page, ``report.html``;
* :mod:`corpusling.report.shards`: per-document results of one shard, and the shards merged.

The files of the output contract (``DESIGN.md``) are listed in :mod:`corpusling.report.build`. This package
and the CLI are the only places with side effects; the analyses stay pure.
"""

from corpusling.report.build import (
    ANALYSES,
    BREAKDOWN,
    CONTRACT,
    Counted,
    Report,
    Step,
    _rates_tables,
    build_report,
    contract_order,
    report,
    report_batches,
    report_folder,
)

__all__ = ["ANALYSES", "BREAKDOWN", "CONTRACT", "Counted", "Report", "Step", "_rates_tables", "build_report",
           "contract_order", "report", "report_batches", "report_folder"]
