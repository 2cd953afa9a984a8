using Microsoft.Extensions.Configuration;
using Npgsql;

namespace VoiceGrains.Data;

/// <summary>The one database setting every host needs, read and checked before anything starts.</summary>
public static class VoiceGrainsDatabase
{
    /// <summary>The connection name; AppHost/Program.cs and the silo's Orleans settings repeat it.</summary>
    public const string ConnectionName = "voicegrains";

    public const string SettingName = "ConnectionStrings:" + ConnectionName;

    /// <summary>The connection string, or <see cref="DatabaseConfigurationException"/> naming the setting.</summary>
    public static string ReadConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DatabaseConfigurationException(
                $"The setting {SettingName} is missing. Set it (environment: ConnectionStrings__{ConnectionName}) " +
                "to a PostgreSQL connection string such as Host=127.0.0.1;Port=5432;Database=voicegrains;Username=…;Password=….");
        }

        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(parsed.Host))
            {
                throw new DatabaseConfigurationException($"The setting {SettingName} names no Host: give Host=… (and Port, Database, Username, Password).");
            }
        }
        catch (ArgumentException e)
        {
            throw new DatabaseConfigurationException($"The setting {SettingName} is not a valid PostgreSQL connection string: {e.Message}");
        }

        return value;
    }
}
