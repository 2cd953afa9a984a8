using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace VoiceGrains.Operators;

public static class OperatorServiceCollectionExtensions
{
    /// <summary>How many wrong passwords in a row lock an operator out, and for how long.</summary>
    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Operators on the database's NpgsqlDataSource (registered by AddVoiceGrainsDatabase): Identity's user and role
    /// managers over the Entity Framework stores, lockout after <see cref="MaxFailedSignIns"/> failures, passwords of
    /// at least 12 characters, API tokens. Hosts that sign people in add the sign-in manager and cookies on top.
    /// </summary>
    public static IdentityBuilder AddVoiceGrainsOperators(this IServiceCollection services)
    {
        services.AddDbContext<OperatorDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.ExecutionStrategy(d => new DatabaseRetryStrategy(d)))
            .UseSnakeCaseNamingConvention());
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ApiTokens>();
        services.AddScoped<OperatorAccounts>();
        services.AddScoped<AuditLog>();
        return services
            .AddIdentityCore<Operator>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length beats composition rules (NIST SP 800-63B §5.1.1.2): long passwords, no forced symbol mix.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutTime;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OperatorDbContext>();
    }
}
