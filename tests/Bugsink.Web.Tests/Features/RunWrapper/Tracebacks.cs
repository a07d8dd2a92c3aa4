namespace Bugsink.Web.Tests.Features.RunWrapper;

// What real programs wrote to stderr, captured verbatim (each comment says which program and runtime).
// RunCommandTests runs such programs live; these keep the parsers' tests fast and exact.
public static class Tracebacks
{
    // /usr/bin/python3 3.11.2, chain.py: a JSONDecodeError raised from, then a KeyError while handling.
    public const string PythonChained = """
        Traceback (most recent call last):
          File "/tmp/h20tb/chain.py", line 8, in read_config
            return load("{bad")
                   ^^^^^^^^^^^^
          File "/tmp/h20tb/chain.py", line 4, in load
            return json.loads(text)
                   ^^^^^^^^^^^^^^^^
          File "/usr/lib/python3.11/json/__init__.py", line 346, in loads
            return _default_decoder.decode(s)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^
          File "/usr/lib/python3.11/json/decoder.py", line 337, in decode
            obj, end = self.raw_decode(s, idx=_w(s, 0).end())
                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
          File "/usr/lib/python3.11/json/decoder.py", line 353, in raw_decode
            obj, end = self.scan_once(s, idx)
                       ^^^^^^^^^^^^^^^^^^^^^^
        json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)

        The above exception was the direct cause of the following exception:

        Traceback (most recent call last):
          File "/tmp/h20tb/chain.py", line 14, in main
            read_config("app.ini")
          File "/tmp/h20tb/chain.py", line 10, in read_config
            raise RuntimeError(f"config {path} is broken") from e
        RuntimeError: config app.ini is broken

        During handling of the above exception, another exception occurred:

        Traceback (most recent call last):
          File "/tmp/h20tb/chain.py", line 18, in <module>
            main()
          File "/tmp/h20tb/chain.py", line 16, in main
            {}["missing"]
            ~~^^^^^^^^^^^
        KeyError: 'missing'
        """;

    // /usr/bin/python3 3.11.2: a ZeroDivisionError three calls deep.
    public const string PythonSimple = """
        Traceback (most recent call last):
          File "/tmp/h20tb/simple.py", line 6, in <module>
            main()
          File "/tmp/h20tb/simple.py", line 5, in main
            divide(1, 0)
          File "/tmp/h20tb/simple.py", line 2, in divide
            return a / b
                   ~~^~~
        ZeroDivisionError: division by zero
        """;

    // /usr/bin/python3 3.11.2 on a file that does not compile: no "Traceback" header.
    public const string PythonSyntaxError = """
          File "/tmp/h20tb/syn.py", line 1
            def f(:
                  ^
        SyntaxError: invalid syntax
        """;

    // node 20.20.2: an Error with a SyntaxError as its cause.
    public const string NodeCause = """
        /tmp/h20tb/chain.js:4
          catch (e) { throw new Error(`config ${path} is broken`, { cause: e }); }
                      ^

        Error: config app.ini is broken
            at readConfig (/tmp/h20tb/chain.js:4:21)
            at main (/tmp/h20tb/chain.js:6:19)
            ... 5 lines matching cause stack trace ...
            at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
            at node:internal/main/run_main_module:28:49 {
          [cause]: SyntaxError: Expected property name or '}' in JSON at position 1
              at JSON.parse (<anonymous>)
              at parse (/tmp/h20tb/chain.js:1:36)
              at readConfig (/tmp/h20tb/chain.js:3:16)
              at main (/tmp/h20tb/chain.js:6:19)
              at Object.<anonymous> (/tmp/h20tb/chain.js:7:1)
              at Module._compile (node:internal/modules/cjs/loader:1521:14)
              at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
              at Module.load (node:internal/modules/cjs/loader:1266:32)
              at Module._load (node:internal/modules/cjs/loader:1091:12)
              at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
        }

        Node.js v20.20.2
        """;

    // node 20.20.2: Error <- TypeError <- RangeError, causes nested in braces.
    public const string NodeDeepCause = """
        /tmp/h20tb/deep.js:3
        function c() { try { b(); } catch (e) { throw new Error("mount failed", { cause: e }); } }
                                                ^

        Error: mount failed
            at c (/tmp/h20tb/deep.js:3:47)
            at Object.<anonymous> (/tmp/h20tb/deep.js:4:1)
            ... 5 lines matching cause stack trace ...
            at node:internal/main/run_main_module:28:49 {
          [cause]: TypeError: bad volume
              at b (/tmp/h20tb/deep.js:2:47)
              at c (/tmp/h20tb/deep.js:3:22)
              ... 6 lines matching cause stack trace ...
              at node:internal/main/run_main_module:28:49 {
            [cause]: RangeError: disk index 7 out of range
                at a (/tmp/h20tb/deep.js:1:22)
                at b (/tmp/h20tb/deep.js:2:22)
                at c (/tmp/h20tb/deep.js:3:22)
                at Object.<anonymous> (/tmp/h20tb/deep.js:4:1)
                at Module._compile (node:internal/modules/cjs/loader:1521:14)
                at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
                at Module.load (node:internal/modules/cjs/loader:1266:32)
                at Module._load (node:internal/modules/cjs/loader:1091:12)
                at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
                at node:internal/main/run_main_module:28:49
          }
        }

        Node.js v20.20.2
        """;

    // node 20.20.2: a TypeError thrown from a timer.
    public const string NodeTimer = """
        /tmp/h20tb/simple.js:1
        function boom() { null.x; }
                               ^

        TypeError: Cannot read properties of null (reading 'x')
            at boom (/tmp/h20tb/simple.js:1:24)
            at Timeout._onTimeout (/tmp/h20tb/simple.js:2:18)
            at listOnTimeout (node:internal/timers:581:17)
            at process.processTimers (node:internal/timers:519:7)

        Node.js v20.20.2
        """;

    // node 20.20.2: a subclass with its own name and a property, from an async function.
    public const string NodeCustomClass = """
        /tmp/h20tb/custom.js:2
        async function pay() { throw new PaymentError("card declined"); }
                                     ^

        PaymentError: card declined
            at pay (/tmp/h20tb/custom.js:2:30)
            at Object.<anonymous> (/tmp/h20tb/custom.js:3:1)
            at Module._compile (node:internal/modules/cjs/loader:1521:14)
            at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
            at Module.load (node:internal/modules/cjs/loader:1266:32)
            at Module._load (node:internal/modules/cjs/loader:1091:12)
            at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
            at node:internal/main/run_main_module:28:49 {
          code: 42
        }

        Node.js v20.20.2
        """;

    // node 20.20.2: assert.strictEqual with a message of three lines.
    public const string NodeAssertion = """
        node:assert:90
          throw new AssertionError(obj);
          ^

        AssertionError [ERR_ASSERTION]: totals differ
        expected one
        found two

        1 !== 2

            at Object.<anonymous> (/tmp/h20tb/multi.js:2:8)
            at Module._compile (node:internal/modules/cjs/loader:1521:14)
            at Module._extensions..js (node:internal/modules/cjs/loader:1623:10)
            at Module.load (node:internal/modules/cjs/loader:1266:32)
            at Module._load (node:internal/modules/cjs/loader:1091:12)
            at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:164:12)
            at node:internal/main/run_main_module:28:49 {
          generatedMessage: false,
          code: 'ERR_ASSERTION',
          actual: 1,
          expected: 2,
          operator: 'strictEqual'
        }

        Node.js v20.20.2
        """;

    // dotnet 10: InvalidOperationException with a FormatException inside, from a console program.
    public const string DotnetInner = """
        Unhandled exception. System.InvalidOperationException: Could not start the shop
         ---> System.FormatException: The input string 'eighty' was not in a correct format.
           at System.Number.ThrowFormatException[TChar](ReadOnlySpan`1 value)
           at System.Int32.Parse(String s, IFormatProvider provider)
           at FailingApp.Program.ParsePort(String text) in /tmp/h20tb/dn/Program.cs:line 19
           at FailingApp.Program.LoadConfig(String path) in /tmp/h20tb/dn/Program.cs:line 17
           at FailingApp.Program.Main() in /tmp/h20tb/dn/Program.cs:line 9
           --- End of inner exception stack trace ---
           at FailingApp.Program.Main() in /tmp/h20tb/dn/Program.cs:line 13
        """;

    // dotnet 10: three levels through async methods, a message of two lines.
    public const string DotnetTwoInner = """
        Unhandled exception. System.ApplicationException: Worker stopped
         ---> System.InvalidOperationException: Order 7 failed
         ---> System.ArgumentOutOfRangeException: No such order (Parameter 'order')
        Actual value was 7.
           at Shop.Worker.Checkout.Charge(Int32 order) in /tmp/h20tb/dn/Program.cs:line 34
           at Shop.Worker.Checkout.RunAsync(Int32 order) in /tmp/h20tb/dn/Program.cs:line 25
           --- End of inner exception stack trace ---
           at Shop.Worker.Checkout.RunAsync(Int32 order) in /tmp/h20tb/dn/Program.cs:line 29
           at Shop.Worker.Program.Main() in /tmp/h20tb/dn/Program.cs:line 9
           --- End of inner exception stack trace ---
           at Shop.Worker.Program.Main() in /tmp/h20tb/dn/Program.cs:line 13
           at Shop.Worker.Program.<Main>()
        """;
}
