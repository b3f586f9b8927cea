"""The API dialects other than json.php, one package each, enabled by name
(config `DIALECTS`). A dialect package exposes `init_app(app)` (its blueprints)
and `sections()` (its ACL sections); it calls domain services only, never another
dialect."""
