using System.Reflection;

namespace VoiceGrains.Data;

static class EmbeddedText
{
    public static string Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{resourceName}' is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every resource whose name starts with <paramref name="prefix"/>, by name without it, in name order.</summary>
    public static IEnumerable<(string Name, byte[] Content)> ReadFolder(Assembly assembly, string prefix)
    {
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var content = new MemoryStream();
            stream.CopyTo(content);
            yield return (resource[prefix.Length..], content.ToArray());
        }
    }
}
