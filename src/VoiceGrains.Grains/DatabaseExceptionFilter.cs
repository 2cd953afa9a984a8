using System.Data.Common;
using VoiceGrains.Contracts;

namespace VoiceGrains.Grains;

/// <summary>
/// No database driver exception leaves a grain: one that reaches the grain boundary (after the grain's own retries)
/// is replaced by a <see cref="DatabaseUnavailableException"/> that names its cause, which Orleans can serialize and
/// callers can recognize and retry.
/// </summary>
public sealed class DatabaseExceptionFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (DatabaseCause(e) is { } cause)
        {
            throw DatabaseUnavailableException.Wrapping(cause);
        }
    }

    static DbException? DatabaseCause(Exception? exception) => exception switch
    {
        null => null,
        DbException db => db,
        AggregateException aggregate => aggregate.InnerExceptions.Select(DatabaseCause).FirstOrDefault(c => c is not null),
        _ => DatabaseCause(exception.InnerException),
    };
}
