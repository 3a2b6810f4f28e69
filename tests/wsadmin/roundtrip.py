# Sets every attribute of every configuration object to the value it already has, then saves.
# Primitive lists are replaced the wsadmin way: cleared with [] and set again.
# Runs under Jython 2.1, Jython 2.7 and CPython 3 (their common subset).


def kind_of(notation):
    if notation.endswith("@*"):
        return "reflist"
    if notation.endswith("@"):
        return "ref"
    if notation == "String*":
        return "list"
    if notation.endswith("*"):
        return "children"
    base = notation.split("(")[0]
    if base in ("String", "int", "long", "boolean", "Integer", "Boolean", "Long", "short") or base[:4] == "ENUM":
        return "attr"
    return "child"


def set_value(cid, name, value):
    if value.find("\\") >= 0 or value.find('"') >= 0:
        # list-form values get their backslashes doubled (wsadmin-semantics section 3.4): use the string form
        AdminConfig.modify(cid, '[[%s "%s"]]' % (name, value.replace('"', '\\"')))
    else:
        AdminConfig.modify(cid, [[name, value]])


count = 0
for t in AdminConfig.types().splitlines():
    for cid in AdminConfig.list(t).splitlines():
        if AdminConfig.getObjectType(cid) != t:
            continue
        for line in AdminConfig.attributes(t).splitlines():
            name, notation = line.split(" ", 1)
            kind = kind_of(notation)
            value = AdminConfig.showAttribute(cid, name)
            if value is None or value == "*****":
                continue
            if kind == "attr":
                set_value(cid, name, value)
            elif kind == "ref":
                AdminConfig.modify(cid, [[name, value]])
            elif kind == "list":
                AdminConfig.modify(cid, [[name, []]])
                if value != "[]":
                    AdminConfig.modify(cid, [[name, value.split(";")]])
            else:
                continue
            count = count + 1
print("set %d attributes to their own values" % count)
AdminConfig.save()
