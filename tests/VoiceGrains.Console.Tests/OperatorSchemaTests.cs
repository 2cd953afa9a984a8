using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Tests;

/// <summary>db/migrations/009_operators.sql and the Entity Framework model Identity's stores use describe the same tables.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class OperatorSchemaTests(ConsoleFixture console)
{
    [Fact]
    public async Task EveryTableAndColumnOfTheModelIsInTheMigratedDatabase()
    {
        await using var scope = console.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OperatorDbContext>();
        var entities = db.Model.GetEntityTypes().ToList();

        foreach (var entity in entities)
        {
            var table = entity.GetTableName()!;
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).ToList();
            // Selects every mapped column by name: a missing table or column fails here, naming it.
            var sql = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" LIMIT 0";
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        Assert.Equal(10, entities.Count);
    }
}
