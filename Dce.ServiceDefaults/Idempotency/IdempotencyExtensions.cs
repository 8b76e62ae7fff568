using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dce.ServiceDefaults.Idempotency;

/// <summary>Writes with an <c>Idempotency-Key</c> header, applied once across retries and replicas.</summary>
public static class IdempotencyExtensions
{
    /// <summary>
    /// Remembers keyed writes in <typeparamref name="TContext"/>'s <c>idempotent_requests</c> table (mapped with
    /// <see cref="IdempotentRequestModelBuilderExtensions.AddIdempotentRequests"/>) and sweeps the expired ones.
    /// </summary>
    public static IHostApplicationBuilder AddIdempotency<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section);
        builder.Services.ConfigureDbContext<TContext>(options => options.AddInterceptors(IdempotentRequestInterceptor.Instance));
        builder.Services.AddSingleton<IIdempotentRequestStore, IdempotentRequestStore<TContext>>();
        builder.Services.AddSingleton<IdempotencyRetention<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdempotencyRetention<TContext>>());
        return builder;
    }

    /// <summary>Answers keyed writes once; after authentication, so the key is scoped to the caller. Passes everything through where no store is registered.</summary>
    public static IApplicationBuilder UseIdempotentRequests(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}
