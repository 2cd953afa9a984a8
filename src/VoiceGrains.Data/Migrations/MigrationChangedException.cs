namespace VoiceGrains.Data.Migrations;

/// <summary>An applied migration's text differs from this build's: migrations are append-only.</summary>
public sealed class MigrationChangedException(int version, string name)
    : DatabaseSetupException($"Migration {version:000} {name} was changed after it was applied to this database. " +
                "Applied migrations are never edited: add a new numbered migration instead.");
