using System.Globalization;
using System.Text;
using System.Text.Json;
using Bugsink.Benchmarks.Payloads;

namespace Bugsink.Benchmarks.Paired;

// A minified one-line browser bundle and its Source Map v3, written here rather than by a bundler so the
// benchmark needs no npm: one module per area, each with a function per verb, every function's start
// and its throw site mapped back to the module's original line and column, with names and sourcesContent
// (so resolution does everything the issue page does: position, enclosing name, context lines).
public sealed class JavaScriptBundle
{
    public const string Url = "https://bench.example/static/app.min.js";
    public const string UploadName = "~/static/app.min.js";
    public const string MapName = "~/static/app.min.js.map";
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly int[] _throwColumns;

    private JavaScriptBundle(string minified, string map, int[] throwColumns)
    {
        Minified = minified;
        Map = map;
        _throwColumns = throwColumns;
    }

    public string Minified { get; }

    public string Map { get; }

    public int Functions => _throwColumns.Length;

    public static int FunctionCount => EventVocabulary.Areas.Length * EventVocabulary.Verbs.Length;

    // The 1-based column of function i's throw site on the bundle's only line, as a browser reports it.
    public int ThrowColumn(int function) => _throwColumns[function % _throwColumns.Length] + 1;

    public static string MinifiedName(int function) => "f" + function.ToString(CultureInfo.InvariantCulture);

    public static JavaScriptBundle Build()
    {
        var areas = EventVocabulary.Areas;
        var verbs = EventVocabulary.Verbs;
        var minified = new StringBuilder();
        var mappings = new StringBuilder();
        var names = new List<string>();
        var sources = new List<string>();
        var contents = new List<string>();
        var throwColumns = new int[FunctionCount];
        int previousColumn = 0, previousSource = 0, previousLine = 0, previousOriginalColumn = 0, previousName = 0;

        void Segment(int column, int source, int line, int originalColumn, int? name)
        {
            if (mappings.Length > 0)
            {
                mappings.Append(',');
            }

            Vlq(mappings, column - previousColumn);
            Vlq(mappings, source - previousSource);
            Vlq(mappings, line - previousLine);
            Vlq(mappings, originalColumn - previousOriginalColumn);
            (previousColumn, previousSource, previousLine, previousOriginalColumn) = (column, source, line, originalColumn);
            if (name is { } n)
            {
                Vlq(mappings, n - previousName);
                previousName = n;
            }
        }

        for (var a = 0; a < areas.Length; a++)
        {
            var module = new StringBuilder();
            sources.Add("src/" + areas[a].ToLowerInvariant() + ".js");
            module.Append(CultureInfo.InvariantCulture, $"// {areas[a]}: what the shop does with it.\nimport {{ api }} from './api.js';\n\n");
            for (var v = 0; v < verbs.Length; v++)
            {
                var index = a * verbs.Length + v;
                var original = verbs[v].ToLowerInvariant() + areas[a];
                var line = module.ToString().Count(c => c == '\n');
                module.Append(CultureInfo.InvariantCulture, $"export function {original}(input) {{\n  const record = api.lookup(input.id);\n  if (!record.{areas[a].ToLowerInvariant()}) {{\n    throw new TypeError('no {areas[a].ToLowerInvariant()} for ' + input.id);\n  }}\n  return record;\n}}\n\n");
                names.Add(original);
                var start = minified.Length;
                minified.Append(CultureInfo.InvariantCulture, $"function {MinifiedName(index)}(n){{const r=api.lookup(n.id);if(!r.{areas[a].ToLowerInvariant()})");
                throwColumns[index] = minified.Length;
                minified.Append(CultureInfo.InvariantCulture, $"throw new TypeError(\"no {areas[a].ToLowerInvariant()} for \"+n.id);return r}}");
                // As bundlers map them: the keyword, the identifier (which carries the original name), the throw.
                Segment(start, a, line, 7, null);
                Segment(start + "function ".Length, a, line, "export function ".Length, names.Count - 1);
                Segment(throwColumns[index], a, line + 3, 4, null);
            }

            contents.Add(module.ToString());
        }

        minified.Append("\n//# sourceMappingURL=app.min.js.map\n");
        var map = JsonSerializer.Serialize(new
        {
            version = 3,
            file = "app.min.js",
            sources,
            sourcesContent = contents,
            names,
            mappings = mappings.ToString(),
        });
        return new JavaScriptBundle(minified.ToString(), map, throwColumns);
    }

    private static void Vlq(StringBuilder builder, int value)
    {
        var rest = value < 0 ? (-value << 1) | 1 : value << 1;
        do
        {
            var digit = rest & 31;
            rest >>= 5;
            builder.Append(Base64[rest > 0 ? digit | 32 : digit]);
        }
        while (rest > 0);
    }
}
