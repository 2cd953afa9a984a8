namespace VoiceGrains.Silo;

/// <summary>What the silo does to the database before Orleans starts ("Database" section).</summary>
public sealed class DatabaseStartupOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations at start; when unset, only in the Development environment.</summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary>Load the demo business into an empty database.</summary>
    public bool SeedDemoData { get; set; }
}
