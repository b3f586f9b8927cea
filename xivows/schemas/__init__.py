"""marshmallow building blocks for the legacy add/edit formats."""

from collections.abc import Mapping

from marshmallow import EXCLUDE, Schema, ValidationError, missing
from marshmallow.decorators import POST_LOAD, PRE_LOAD, VALIDATES, VALIDATES_SCHEMA

from xivows.errors import InvalidInput

_CONSTANTS = (str, int, float, bool, type(None), tuple, frozenset)
_UNPLANNED = object()
_REFUSED = object()  # a load that fails: marshmallow's own path tells why
_PARTIAL = (None, True)  # partial arguments of load() with a loader (not a list of fields)


class LegacySchema(Schema):
    """Unknown keys are ignored, as the original server did (clients send view
    keys such as `identity` back in edit bodies).

    Loading costs what the document gives, not what the schema declares: most
    fields of these schemas (a SIP peer has 80) are absent from a document, and
    marshmallow spends a few microseconds on each absent one (a bulk import
    loads four schemas per user). `_deserialize` below gives the same result
    and the same errors, in the same order, for the ways the service loads (one
    object, unknown keys excluded, a partial load of every field or none);
    other calls take marshmallow's own path."""

    class Meta:
        unknown = EXCLUDE

    def load(self, data, *, many=None, partial=None, unknown=None):
        """marshmallow's load, its steps that do nothing here left out: one
        object, unknown keys excluded, no validator hooks, pre_load and
        post_load hooks called as marshmallow calls them (`_loaders`). A
        refusal, and any other call, takes marshmallow's own path (loading is
        deterministic: the same data fails the same way), through
        `_deserialize` below."""
        if many is None and unknown is None and type(data) is dict and partial in _PARTIAL:
            loaders = self.__dict__.get('_xivows_loaders')
            if loaders is None:
                loaders = self._xivows_loaders = self._loaders()
            loader = loaders.get(partial)
            if loader is not None:
                result = loader(data)
                if result is not _REFUSED:
                    return result
        return super().load(data, many=many, partial=partial, unknown=unknown)

    def _loaders(self):
        """{partial argument of load(): a function loading a dict as load()
        does, or returning _REFUSED where load() raises}, built once per
        schema: the plan and hooks of load() and _deserialize() bound as
        constants (an import loads six schemas per row, and the steps of
        load() cost as much as the fields of a small document). Empty when
        load() must take its general path (an instance whose `_xivows_plan`
        or `_xivows_hooks` is None always does)."""
        hooks = self.__dict__.get('_xivows_hooks', _UNPLANNED)
        if hooks is _UNPLANNED:
            hooks = self._xivows_hooks = self._simple_hooks()
        plan = self.__dict__.get('_xivows_plan', _UNPLANNED)
        if plan is _UNPLANNED:
            plan = self._xivows_plan = self._load_plan()
        if hooks is None or plan is None or self.many or self.unknown != EXCLUDE:
            return {}
        loaders = {True: self._loader(True, hooks, plan)}
        if self.partial is True:
            loaders[None] = loaders[True]
        elif self.partial is None:
            loaders[None] = self._loader(None, hooks, plan)
        return loaders

    def _loader(self, partial, hooks, plan):
        pre_load, post_load = hooks
        by_key, defaults, asked = plan
        if partial:  # absent keys load to nothing
            defaults, asked = {}, ()
        unknown = self.unknown
        dict_class = self.dict_class
        # key -> (attribute, the field's direct loader or None, its deserialize)
        fields = {
            key: (attribute, direct, field.deserialize)
            for key, (_, attribute, field, _, direct) in by_key.items()
        }
        asked = tuple((key, attribute, field.deserialize) for _, attribute, field, key, _ in asked)

        def load(data):
            try:
                for processor in pre_load:
                    data = processor(data, many=False, partial=partial, unknown=unknown)
                if not (type(data) is dict or isinstance(data, Mapping)):
                    return _REFUSED
                result = dict_class(defaults)  # what absent keys load to
                for key, raw in data.items():
                    known = fields.get(key)
                    if known is None:
                        continue
                    attribute, direct, deserialize = known
                    if direct is not None and raw is not None:
                        value = direct(raw, key, data)
                    else:
                        value = deserialize(raw, key, data)
                    if value is missing:
                        result.pop(attribute, None)
                    else:
                        result[attribute] = value
                for key, attribute, deserialize in asked:
                    if key not in data:
                        value = deserialize(missing, key, data)
                        if value is missing:
                            result.pop(attribute, None)
                        else:
                            result[attribute] = value
                for processor in post_load:
                    result = processor(result, many=False, partial=partial, unknown=unknown)
                return result
            except ValidationError:
                return _REFUSED

        return load

    def _simple_hooks(self):
        """([pre_load], [post_load]) bound hooks when every hook of the schema
        is one of those, called with the object alone; else None."""
        hooks = self._hooks
        if hooks[VALIDATES] or hooks[VALIDATES_SCHEMA]:
            return None
        found = []
        for tag in (PRE_LOAD, POST_LOAD):
            bound = []
            for attr_name, pass_collection, options in hooks[tag]:
                if pass_collection or options.get('pass_original'):
                    return None
                bound.append(getattr(self, attr_name))
            found.append(bound)
        return tuple(found)

    def _deserialize(
        self, data, *, error_store, many=False, partial=None, unknown=None, index=None
    ):
        plan = self.__dict__.get('_xivows_plan', _UNPLANNED)
        if plan is _UNPLANNED:
            plan = self._xivows_plan = self._load_plan()
        if (
            many
            or partial not in (None, True)
            or unknown != EXCLUDE
            or plan is None
            or not (type(data) is dict or isinstance(data, Mapping))
        ):
            return super()._deserialize(
                data,
                error_store=error_store,
                many=many,
                partial=partial,
                unknown=unknown,
                index=index,
            )
        by_key, defaults, asked = plan
        if partial:  # absent keys load to nothing
            defaults, asked = {}, ()
        result = self.dict_class(defaults)  # what absent keys load to
        errors = []
        for key, raw in data.items():
            known = by_key.get(key)
            if known is None:
                continue
            direct = known[4]
            if direct is not None and raw is not None:
                try:
                    value = direct(raw, key, data)
                except ValidationError:
                    pass  # recorded by the full path below (it fails the same way)
                else:
                    if value is missing:
                        result.pop(known[1], None)
                    else:
                        result[known[1]] = value
                    continue
            self._xivows_field(result, errors, known, raw, key, data)
        for known in asked:
            if known[3] not in data:
                self._xivows_field(result, errors, known, missing, known[3], data)
        if errors:
            for _, messages, key in sorted(errors, key=lambda error: error[0]):
                error_store.store_error(messages, key, index=index)  # declaration order
        return result

    @staticmethod
    def _xivows_field(result, errors, known, raw, key, data):
        """One field as marshmallow's _call_and_store loads it."""
        position, attribute, field, _, _ = known
        try:
            value = field.deserialize(raw, key, data)
        except ValidationError as error:
            errors.append((position, error.messages, key))
            value = error.valid_data or missing
        if value is missing:
            result.pop(attribute, None)
        else:
            result[attribute] = value

    def _load_plan(self):
        """({key: (position, attribute, field, key, the field's direct loader
        or None)}, {attribute: constant
        default of an absent key}, [fields an absent key must ask: required, or
        a computed default]); None when a field needs marshmallow's own path
        (an instance whose `_xivows_plan` is None always takes it)."""
        by_key, defaults, asked = {}, {}, []
        for position, (name, field) in enumerate(self.load_fields.items()):
            attribute = field.attribute or name
            if '.' in attribute:
                return None
            key = field.data_key or name
            direct = getattr(field, 'direct', None)
            known = by_key[key] = (position, attribute, field, key, direct and direct())
            default = field.load_default
            if field.required or (
                default is not missing
                and (callable(default) or not isinstance(default, _CONSTANTS))
            ):
                asked.append(known)
            elif default is not missing:
                defaults[attribute] = default
        return by_key, defaults, asked


def _first_error(messages, path=()):
    if isinstance(messages, dict):
        for key, value in messages.items():
            found = _first_error(value, path + (str(key),))
            if found:
                return found
        return None
    if isinstance(messages, list) and messages:
        if all(isinstance(item, str) for item in messages):
            return '.'.join(path), messages[0]
        return _first_error(messages[0], path)
    if isinstance(messages, str):
        return '.'.join(path), messages
    return None


def reason(error, prefix=''):
    found = _first_error(error.messages)
    if not found:
        return f'{prefix or "body"}: invalid'
    where, message = found
    where = '.'.join(part for part in (prefix, where) if part and part != '_schema')
    return f'{where}: {message}' if where else message


def load(schema, data, prefix=''):
    """Validate `data` with `schema`; InvalidInput with a short reason otherwise."""
    if not isinstance(data, dict):
        raise InvalidInput(f'{prefix or "body"}: must be an object')
    try:
        return schema.load(data)
    except ValidationError as error:
        raise InvalidInput(reason(error, prefix)) from None
