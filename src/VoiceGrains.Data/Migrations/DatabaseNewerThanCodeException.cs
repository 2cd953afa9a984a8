namespace VoiceGrains.Data.Migrations;

/// <summary>The database was migrated by a newer build; running this one against it could corrupt data.</summary>
public sealed class DatabaseNewerThanCodeException(int databaseVersion, int codeVersion)
    : DatabaseSetupException($"The database schema is at version {databaseVersion}, newer than this build knows ({codeVersion}). " +
                "Refusing to run or downgrade: deploy the newer build, or restore a backup taken at version " + codeVersion + ".")
{
    public int DatabaseVersion { get; } = databaseVersion;

    public int CodeVersion { get; } = codeVersion;
}
