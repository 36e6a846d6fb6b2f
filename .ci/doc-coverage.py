"""Lists public declarations without a documentation comment, from SwiftPM symbol graphs.

Implementations of a standard protocol's requirements (description, ==, <, Codable, literal
initialisers, result-builder methods, …) inherit the protocol's documentation and are skipped.
Exits 1 when any other public declaration has no summary.
"""
import json
import pathlib
import sys

INHERITED = {
    "description", "debugDescription", "hash(into:)", "==(_:_:)", "<(_:_:)", "init(from:)", "encode(to:)",
    "init(stringLiteral:)", "init(dictionaryLiteral:)", "init(arrayLiteral:)", "init(integerLiteral:)",
    "init(rawValue:)", "rawValue", "allCases", "id", "next()", "init(_:)", "hashValue", "makeIterator()",
    "buildBlock(_:)", "buildExpression(_:)", "buildArray(_:)", "buildOptional(_:)", "buildEither(first:)",
    "buildEither(second:)", "render(_:)", "format", "errorDescription", "RawValue", "AllCases", "ID",
    "init(extendedGraphemeClusterLiteral:)", "init(unicodeScalarLiteral:)", "init(booleanLiteral:)", "init(nilLiteral:)",
    "init(floatLiteral:)",
}

def main(folder: str) -> int:
    missing = []
    seen = set()  # re-exported symbols appear in the graphs of every module that re-exports them
    for path in sorted(pathlib.Path(folder).glob("*.symbols.json")):
        graph = json.loads(path.read_text())
        module = graph["module"]["name"]
        for symbol in graph["symbols"]:
            if symbol.get("accessLevel") not in ("public", "open"):
                continue
            # Re-exported symbols appear in the graphs of the modules that re-export them: count each in its own.
            # (Graphs named X@Y hold X's extensions of Y's types: all declared in X.)
            if "@" not in path.name and not symbol["identifier"]["precise"].startswith(f"s:{len(module)}{module}"):
                continue
            if symbol["identifier"]["precise"] in seen:
                continue
            seen.add(symbol["identifier"]["precise"])
            name = symbol["names"]["title"]
            if symbol.get("docComment", {}).get("lines"):
                continue
            if name in INHERITED or name.startswith("_"):
                continue
            missing.append(f"{module}: {'.'.join(symbol['pathComponents'])} ({symbol['kind']['displayName']})")
    for line in missing:
        print(f"undocumented: {line}")
    print(f"{len(missing)} public declarations without a summary")
    return 1 if missing else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
