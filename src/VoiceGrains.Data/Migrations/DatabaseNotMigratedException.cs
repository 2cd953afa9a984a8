namespace VoiceGrains.Data.Migrations;

/// <summary>Outside development the silo does not migrate by itself; an older schema must be migrated first.</summary>
public sealed class DatabaseNotMigratedException(int? databaseVersion, int codeVersion)
    : DatabaseSetupException($"The database schema is at version {databaseVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, " +
                             $"this build needs {codeVersion}. Run 'voicegrains db migrate' (or set Database__MigrateOnStart=true).");
