namespace VoiceGrains.Contracts;

/// <summary>
/// A grain could not reach the database, even after retrying. Grain boundaries carry this instead of the driver's own
/// exception, which Orleans cannot serialize (an Npgsql.PostgresException crossing a boundary failed the call with a
/// serialization error, and its caller dropped the work). The cause is kept as text: its type and message.
/// The caller may try again later.
/// </summary>
[GenerateSerializer, Alias("VoiceGrains.DatabaseUnavailableException")]
public sealed class DatabaseUnavailableException(string message) : Exception(message)
{
    public static DatabaseUnavailableException Wrapping(Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new DatabaseUnavailableException($"The database could not be reached ({cause.GetType().FullName}: {cause.Message}).");
    }
}
