"""The main job as one Processing model: villages, towers, DEM and the programme's status table in, the deployment
plan folder out (what ``make demo`` runs step by step, scripts/demo.py).

:func:`build_plan_model` builds it from the provider's own tools (``kaltiminternet:repairvillages`` ->
``importsites`` -> ``coverage`` -> ``classifyvillages`` -> ``importprogramme`` -> ``prioritize`` -> ``candidates``
-> ``optimizesites`` -> ``choosetech`` -> ``roadmap`` -> ``exportplan``). The provider registers it as
``kaltiminternet:fullplan``; ``scripts/make_model.py`` saves the same model as
``resources/models/rencana_internet_desa.model3`` for the Model Designer (Processing > Graphical Modeler > Open
Model), where a GIS officer can change a step's settings or add steps of their own.

Every step runs with its tool's own defaults, plus what the demo gives it (the optimiser's population and weight
fields and budget curve); what a planner chooses per run is a model input (the layers, the budget, the roadmap's
years, the programme table's date).
"""
from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)
from qgis.PyQt.QtCore import QPointF

from ..core.numbers import MAX_RUPIAH
from ..i18n import tr
from .alg_exportplan import ExportPlanAlgorithm
from .base import GROUPS, _translated
from .checks import not_points
from .help import TEXTS
from .output_guard import outputs_refusal
from .params import with_decimals

MODEL_NAME = "fullplan"
#: the budgets of the plan's budget curve (people newly covered by budget; the report's chart): the demo's too
CURVE_BUDGETS_IDR = "; ".join(f"{b:g}" for b in (5e9, 10e9, 20e9, 40e9, 80e9))

_POLYGON = QgsProcessing.SourceType.TypeVectorPolygon
_POINT = QgsProcessing.SourceType.TypeVectorPoint
_NUMBER = QgsProcessingParameterNumber.Type.Double
_INTEGER = QgsProcessingParameterNumber.Type.Integer
#: model input -> (tool, its parameter) whose default the input takes, so the model run without it does what the
#: tool does
_TOOL_DEFAULTS = {"budget_idr": ("optimizesites", "BUDGET_IDR"), "start_year": ("roadmap", "START_YEAR"),
                  "years": ("roadmap", "YEARS"), "as_of": ("importprogramme", "AS_OF")}


def _inputs(algorithms) -> list:
    """The model's inputs, in the order a planner gives them."""
    def default(name):
        tool, param = _TOOL_DEFAULTS[name]
        return algorithms[tool].parameterDefinition(param).defaultValue()

    return [
        QgsProcessingParameterFeatureSource("villages", tr("Villages (desa/kelurahan polygons)"), [_POLYGON]),
        QgsProcessingParameterFile("towers", tr("Existing towers (CSV, spreadsheet or point layer file)")),
        QgsProcessingParameterRasterLayer("dem", tr("DEM (terrain heights, metres)")),
        QgsProcessingParameterFile("programme_table", tr("Programme status table (connected villages)")),
        QgsProcessingParameterString("as_of", tr("Status date (yyyy-mm-dd; empty = today)"), default("as_of"),
                                     optional=True),
        QgsProcessingParameterRasterLayer("land_cover", tr("Land cover (clutter)"), optional=True),
        QgsProcessingParameterFeatureSource("offices", tr("Village offices (points)"), [_POINT],
                                            optional=True),
        QgsProcessingParameterFeatureSource("fibre_nodes", tr("Fibre nodes (points)"), [_POINT],
                                            optional=True),
        QgsProcessingParameterVectorLayer("kabkota", tr("Kabupaten/kota boundaries"), [_POLYGON],
                                          optional=True),
        with_decimals(QgsProcessingParameterNumber("budget_idr", tr("Budget for new BTS sites (Rp)"), _NUMBER,
                                                   default("budget_idr"), minValue=0.0, maxValue=MAX_RUPIAH)),
        QgsProcessingParameterNumber("start_year", tr("First year of the roadmap"), _INTEGER, default("start_year"),
                                     minValue=2000, maxValue=2100),
        QgsProcessingParameterNumber("years", tr("Number of years"), _INTEGER, default("years"), minValue=1,
                                     maxValue=30),
    ]


def _src(value):
    """A child parameter's source: ``"@name"`` a model input, ``("child", "OUTPUT")`` a step's output, else a static
    value."""
    Src = QgsProcessingModelChildParameterSource  # noqa: N806
    if isinstance(value, tuple):
        return [Src.fromChildOutput(value[0], value[1])]
    if isinstance(value, str) and value.startswith("@"):
        return [Src.fromModelParameter(value[1:])]
    return [Src.fromStaticValue(value)]


def _steps() -> list:
    """(child id, algorithm, description, {parameter: source}) of the steps, in the chain's order."""
    return [
        ("repair", "repairvillages", tr("Repair village geometries"), {"INPUT": "@villages"}),
        ("sites", "importsites", tr("Import existing towers"), {"INPUT": "@towers"}),
        ("coverage", "coverage", tr("Signal coverage (ITU-R P.526)"), {
            "SITES": ("sites", "OUTPUT"), "DEM": "@dem", "LAND_COVER": "@land_cover"}),
        ("classify", "classifyvillages", tr("Classify villages (covered / partial / blank spot)"), {
            "VILLAGES": ("repair", "OUTPUT"), "COVERAGE": ("coverage", "OUTPUT"), "OFFICES": "@offices"}),
        ("programme", "importprogramme", tr("Programme status (connected villages)"), {
            "VILLAGES": ("classify", "OUTPUT"), "TABLE": "@programme_table", "AS_OF": "@as_of"}),
        ("priority", "prioritize", tr("Prioritise villages"), {"VILLAGES": ("programme", "OUTPUT")}),
        ("candidates", "candidates", tr("Candidate BTS sites"), {
            "VILLAGES": ("priority", "OUTPUT"), "DEM": "@dem", "SITES": ("sites", "OUTPUT")}),
        ("optimize", "optimizesites", tr("Choose new BTS sites under the budget"), {
            "VILLAGES": ("priority", "OUTPUT"), "POPULATION_FIELD": "population", "WEIGHT_FIELD": "priority_score",
            "CANDIDATES": ("candidates", "OUTPUT"), "BUDGET_IDR": "@budget_idr", "DEM": "@dem",
            "COVERAGE": ("coverage", "OUTPUT"), "OFFICES": "@offices", "CURVE_BUDGETS_IDR": CURVE_BUDGETS_IDR}),
        ("tech", "choosetech", tr("Technology per village"), {
            "VILLAGES": ("optimize", "OUTPUT_VILLAGES"), "SITES": ("sites", "OUTPUT"), "DEM": "@dem",
            "COVERAGE": ("coverage", "OUTPUT"), "NEW_SITES": ("optimize", "OUTPUT_SITES"),
            "FIBRE_NODES": "@fibre_nodes"}),
        ("roadmap", "roadmap", tr("Funded roadmap, training and operators"), {
            "PLAN": ("tech", "OUTPUT"), "START_YEAR": "@start_year", "YEARS": "@years",
            "TOWERS": ("sites", "OUTPUT"), "PLANNED_SITES": ("optimize", "OUTPUT_SITES")}),
        ("export", "exportplan", tr("Export the deployment plan"), {
            "VILLAGES": ("roadmap", "OUTPUT"), "SITES": ("sites", "OUTPUT"),
            "PLANNED_SITES": ("optimize", "OUTPUT_SITES"), "KABKOTA": "@kabkota",
            "ROADMAP_TABLE": ("roadmap", "OUTPUT_TABLE"),
            "TRAINING_TABLE": ("roadmap", "OUTPUT_TRAINING"), "OPERATORS_TABLE": ("roadmap", "OUTPUT_OPERATORS"),
            "SHARING_TABLE": ("roadmap", "OUTPUT_SHARING"), "BUDGET_CURVE": ("optimize", "OUTPUT_CURVE")}),
    ]


def _defaults(alg, sources: dict) -> dict:
    """The step's parameters: ``sources``, and every other mandatory parameter at the tool's own default (as the
    Model Designer fills them in), so the model runs as the tool does from the toolbox."""
    full = dict(sources)
    for definition in alg.parameterDefinitions():
        name = definition.name()
        optional = definition.flags() & definition.Flag.FlagOptional
        if name in full or optional or definition.isDestination():
            continue
        full[name] = definition.defaultValue()
    return full


def build_plan_model(algorithms, provider_id: str = "kaltiminternet") -> QgsProcessingModelAlgorithm:
    """The chain as a :class:`QgsProcessingModelAlgorithm` (see the module's docstring); its one output,
    ``export:plan``, is the export folder (plan.gpkg, plan.qgz, roadmap.xlsx and CSVs, the PDFs).
    ``algorithms``: the provider's tools by name (initialised: their parameters are read for the defaults)."""
    model = QgsProcessingModelAlgorithm(MODEL_NAME, GROUPS["plan"](), "plan")
    model.setHelpContent({"ALG_DESC": _translated(TEXTS[MODEL_NAME][1])})
    inputs = _inputs(algorithms)
    for i, param in enumerate(inputs):
        component = QgsProcessingModelParameter(param.name())
        component.setPosition(QPointF(40.0, 60.0 + 70.0 * i))
        model.addModelParameter(param, component)
    if hasattr(model, "setParameterOrder"):  # QGIS 3.26+: the dialog lists the inputs in this order (else by name)
        model.setParameterOrder([p.name() for p in inputs])
    for i, (child_id, alg, description, sources) in enumerate(_steps()):
        child = QgsProcessingModelChildAlgorithm(f"{provider_id}:{alg}")
        child.setChildId(child_id)
        child.setDescription(description)
        child.setPosition(QPointF(360.0, 60.0 + 80.0 * i))
        for name, value in _defaults(algorithms[alg], sources).items():
            child.addParameterSources(name, _src(value))
        if child_id == "export":
            output = QgsProcessingModelOutput("plan", tr("Deployment plan folder"))
            output.setChildId(child_id)
            output.setChildOutputName("OUTPUT_FOLDER")
            output.setPosition(QPointF(640.0, 60.0 + 80.0 * i))
            child.setModelOutputs({"plan": output})
        model.addChildAlgorithm(child)
    return _first_version(model)


def _first_version(model: QgsProcessingModelAlgorithm) -> QgsProcessingModelAlgorithm:
    """The model in QGIS's first model format on every QGIS version: its output parameter is named
    ``export:plan`` (child:output). A model made in code on QGIS 3.40+ is of the second format, which names it after
    its description (``deployment_plan_folder``, or Indonesian words in an Indonesian QGIS), so the name a
    qgis_process call or a script gives would depend on the QGIS version and its language."""
    definition = model.toVariant()
    if definition.get("internal_version", "Version1") != "Version1":
        definition["internal_version"] = "Version1"
        model.loadVariant(definition)
    return model


def missing_steps(algorithms) -> list:
    """The tools of the chain that are not among ``algorithms`` (e.g. optimizesites without scipy)."""
    return sorted({alg for _, alg, _, _ in _steps()} - set(algorithms))


class PlanModel(QgsProcessingModelAlgorithm):
    """The chain as a tool of the provider (``kaltiminternet:fullplan``): the model of :func:`build_plan_model`
    under a fixed name, with a translated title (a model's name is otherwise also its title). Its output folder is
    checked before the first step as exportplan checks its own (:mod:`.output_guard`), against the model's inputs:
    a folder that cannot be written, a plan.gpkg there that is not an exported plan, or an input file there that
    the export would rewrite is refused before the chain runs (exportplan alone would see neither the model's
    inputs nor fail before the other steps had run); so are lines or polygons given as offices or fibre nodes
    (:func:`.checks.not_points`)."""

    OUTPUT_FILES = ExportPlanAlgorithm.OUTPUT_FILES
    FOLDER_UPDATES = ExportPlanAlgorithm.FOLDER_UPDATES
    FOLDER_UPDATE_TABLES = ExportPlanAlgorithm.FOLDER_UPDATE_TABLES

    @classmethod
    def of(cls, algorithms, provider_id: str = "kaltiminternet") -> PlanModel:
        model = cls()
        model.loadVariant(build_plan_model(algorithms, provider_id).toVariant())
        return model

    def name(self) -> str:
        return MODEL_NAME

    def displayName(self) -> str:
        return _translated(TEXTS[MODEL_NAME][0])

    def group(self) -> str:
        return GROUPS["plan"]()

    def groupId(self) -> str:
        return "plan"

    def shortHelpString(self) -> str:
        return _translated(TEXTS[MODEL_NAME][1])

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        message = not_points(self, parameters, context) or outputs_refusal(self, parameters, context)
        return not message, message

    def createInstance(self):
        model = PlanModel()
        model.loadVariant(self.toVariant())
        return model
