using System.Text;

namespace Bugsink.Web.Features.RunWrapper;

// The last lines a child wrote to stderr, fed with raw bytes as they arrive. Bounded in lines and in
// line length, so a command that writes gigabytes (or one endless line) costs a fixed amount of memory.
public sealed class StderrTail(int maxLines, int maxLineChars = 2000)
{
    private readonly Queue<string> _lines = new();
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private readonly StringBuilder _current = new();
    private char[] _chars = new char[4096];

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var needed = _decoder.GetCharCount(bytes, flush: false);
        if (needed > _chars.Length)
        {
            _chars = new char[needed];
        }

        var count = _decoder.GetChars(bytes, _chars, flush: false);
        foreach (var c in _chars.AsSpan(0, count))
        {
            if (c == '\n')
            {
                EndLine();
            }
            else if (c != '\r' && _current.Length < maxLineChars)
            {
                _current.Append(c);
            }
        }
    }

    // The lines so far, the unfinished last one included; the newest `last` of them when given.
    public IReadOnlyList<string> Lines(int? last = null)
    {
        var all = _current.Length > 0 ? [.. _lines, _current.ToString()] : _lines.ToList();
        return last is int n && all.Count > n ? all[^n..] : all;
    }

    private void EndLine()
    {
        _lines.Enqueue(_current.ToString());
        _current.Clear();
        while (_lines.Count > maxLines)
        {
            _lines.Dequeue();
        }
    }
}
