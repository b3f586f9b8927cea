"""The usual acts of a json.php service over one kind of object, built from the
resource's functions (no HTTP in them):

    register(JsonService('ipbx', 'pbx_settings/groups', acts=crud.acts(
        'group', rows=lambda term: items(queries.listed(term)),
        view=lambda group_id: group_view(service.get(group_id)),
        create=service.create, edit=service.edit, delete=service.delete,
        delete_all=service.delete_all, new_id=str)))

Only the acts whose function is given exist. Ids are integers (unknown or
malformed ones answer 404); `new_id` gives the JSON type of the id `add`
answers (str where the service lists ids as strings)."""

from xivows.jsonphp import answers


def acts(
    kind,
    *,
    rows,
    view=None,
    create=None,
    edit=None,
    delete=None,
    delete_all=None,
    new_id=int,
    search=True,
    min_id=1,
):
    """`rows(term)`: the list items (term None for `list`); `view(id)`: the view
    object; `create(document)` -> id; `edit(id, document)`; `delete(id)`;
    `delete_all()` -> None when there was nothing to delete. `search=False`: no
    search act; `min_id`: the smallest id (pickup groups count from 0)."""

    def list_(call):
        return answers.rows(call, rows(None))

    def search_(call):
        term = call.param('search')
        if not term:  # never "match all"
            return answers.rows(call, [])
        return answers.rows(call, rows(term))

    def view_(call):
        return answers.json(call, view(call.int_id(kind, minimum=min_id)))

    def add(call):
        return answers.json(call, new_id(create(call.object())))

    def edit_(call):
        edit(call.int_id(kind, minimum=min_id), call.object())
        return answers.empty()

    def delete_(call):
        delete(call.int_id(kind, minimum=min_id))
        return answers.empty()

    def delete_all_(call):
        return answers.empty(204 if delete_all() is None else 200)

    built = {'list': list_}
    if search:
        built['search'] = search_
    for name, function, act in (
        ('view', view, view_),
        ('add', create, add),
        ('edit', edit, edit_),
        ('delete', delete, delete_),
        ('deleteall', delete_all, delete_all_),
    ):
        if function is not None:
            built[name] = act
    return built
