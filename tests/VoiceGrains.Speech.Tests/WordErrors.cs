namespace VoiceGrains.Speech.Tests;

/// <summary>Word edit distance for word error rate: case and punctuation ignored, "tue" accepted as "two" (see the speech README).</summary>
static class WordErrors
{
    public static string[] Words(string text) =>
        new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w == "tue" ? "two" : w)
            .ToArray();

    public static int Count(string reference, string hypothesis)
    {
        var r = Words(reference);
        var h = Words(hypothesis);
        var d = new int[r.Length + 1, h.Length + 1];
        for (var i = 0; i <= r.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= h.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= r.Length; i++)
        {
            for (var j = 1; j <= h.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1));
            }
        }
        return d[r.Length, h.Length];
    }
}
