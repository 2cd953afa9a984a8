using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace VoiceGrains.Data.Migrations;

/// <summary>One numbered script from db/migrations, embedded in this assembly.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql, string Sha256)
{
    const string Prefix = "migrations/";

    /// <summary>Every embedded migration, in version order.</summary>
    public static IReadOnlyList<MigrationScript> All { get; } = Load();

    static List<MigrationScript> Load()
    {
        var assembly = typeof(MigrationScript).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => FromResource(assembly, n))
            .OrderBy(s => s.Version)
            .ToList();
    }

    static MigrationScript FromResource(Assembly assembly, string resourceName)
    {
        var name = resourceName[Prefix.Length..];
        var separator = name.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(name[..separator], out var version))
        {
            throw new InvalidOperationException($"Migration '{name}' must be named NNN_description.sql.");
        }

        var sql = EmbeddedText.Read(assembly, resourceName);
        // Line endings are normalised so a checkout with CRLF does not look like an edited migration.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sql.Replace("\r\n", "\n", StringComparison.Ordinal)));
        return new MigrationScript(version, Path.GetFileNameWithoutExtension(name[(separator + 1)..]), sql, Convert.ToHexStringLower(hash));
    }
}
