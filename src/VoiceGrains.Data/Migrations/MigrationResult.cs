namespace VoiceGrains.Data.Migrations;

/// <summary>The schema version after migrating, and the scripts this run applied (empty when none were due).</summary>
public sealed record MigrationResult(int Version, IReadOnlyList<string> Applied);
