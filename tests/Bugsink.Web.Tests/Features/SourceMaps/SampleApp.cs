namespace Bugsink.Web.Tests.Features.SourceMaps;

// The small app every source map test builds: an error thrown three calls deep, as ES modules for the
// bundlers (esbuild, webpack) and as plain scripts for terser, which concatenates files. Padding adds
// lines at the top of each file, so two builds map to different original lines.
public static class SampleApp
{
    public static readonly string[] Files = ["util.js", "middle.js", "index.js"];

    // What the innermost, middle and outer frame point at in their source (V8 reports the position
    // of the `new` of `new Error` and of the called name of a call).
    public static readonly (string File, string Marker, string Function)[] Expected =
        [("util.js", "new Error(", "deepest"), ("middle.js", "deepest(\"boom", "middle"), ("index.js", "middle(21)", "main")];

    public static void WriteModules(Bundler bundler, int padding = 0, string? viaDependency = null)
    {
        var pad = string.Concat(Enumerable.Repeat("// padding\n", padding));
        bundler.Write("src/util.js", pad + "// util: the innermost call\nexport function deepest(message) {\n  throw new Error(message);\n}\n");
        bundler.Write("src/middle.js", pad + "import { deepest } from \"./util.js\";\n\nexport function middle(x) {\n  return deepest(\"boom \" + x * 2);\n}\n");
        if (viaDependency is null)
        {
            bundler.Write("src/index.js", pad + "import { middle } from \"./middle.js\";\n\nfunction main() {\n  return middle(21);\n}\n\nmain();\n");
            return;
        }

        // index.js calls through a dependency in node_modules, whose frame must come out not in-app.
        bundler.Write("node_modules/" + viaDependency + "/index.js", "export function callThrough(fn) {\n  return fn();\n}\n");
        bundler.Write("src/index.js", pad + "import { middle } from \"./middle.js\";\nimport { callThrough } from \"" + viaDependency + "\";\n\nfunction main() {\n  return middle(21);\n}\n\ncallThrough(main);\n");
    }

    public static void WriteScripts(Bundler bundler)
    {
        bundler.Write("src/util.js", "function deepest(message) {\n  throw new Error(message);\n}\n");
        bundler.Write("src/middle.js", "function middle(x) {\n  return deepest(\"boom \" + x * 2);\n}\n");
        bundler.Write("src/index.js", "function main() {\n  return middle(21);\n}\n\nmain();\n");
    }

    public static void Write(Bundler bundler, string tool)
    {
        if (tool == "terser")
        {
            WriteScripts(bundler);
        }
        else
        {
            WriteModules(bundler);
        }
    }
}
