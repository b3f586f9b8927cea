"""The dial plan as data: contexts holding extensions, each a list of steps
(label, application, arguments). Rendering writes `exten =>` for the first
step and `same =>` for the others, so priorities never collide."""

from dataclasses import dataclass, field

from xivows.asterisk.config.text import comment


@dataclass
class Step:
    app: str
    args: str = ''
    label: str | None = None


def step(app, *args, label=None):
    """One application call; arguments joined with commas (already cleaned)."""
    text = ','.join('' if arg is None else str(arg) for arg in args).rstrip(',') if args else ''
    return Step(app, text, label)


@dataclass
class Extension:
    name: str
    steps: list = field(default_factory=list)
    hint: str | None = None
    note: str | None = None


@dataclass
class Context:
    name: str
    note: str | None = None
    includes: list = field(default_factory=list)
    extensions: list = field(default_factory=list)

    def add(self, name, steps, note=None, hint=None):
        extension = Extension(name, list(steps), hint, note)
        self.extensions.append(extension)
        return extension

    def lines(self):
        out = []
        if self.note:
            out.append(comment(self.note))
        out.append(f'[{self.name}]')
        for include in self.includes:
            out.append(f'include => {include}')
        for extension in self.extensions:
            if extension.note:
                out.append(comment(extension.note))
            if extension.hint:
                out.append(f'exten => {extension.name},hint,{extension.hint}')
            for index, item in enumerate(extension.steps):
                label = f'({item.label})' if item.label else ''
                call = f'{item.app}({item.args})'
                if index == 0:
                    out.append(f'exten => {extension.name},1{label},{call}')
                else:
                    out.append(f' same => n{label},{call}')
        return out
