using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ServiceDefaults.Idempotency;

/// <summary>Reads and completes the records of the module's DbContext, the same scoped instance its handlers use.</summary>
internal interface IIdempotentRequestStore
{
    Task<IdempotentRequest?> FindAsync(HttpContext http, IdempotentRequest request, CancellationToken cancellationToken);

    Task KeepResponseAsync(HttpContext http, IdempotentRequest completed, CancellationToken cancellationToken);
}

internal sealed class IdempotentRequestStore<TContext> : IIdempotentRequestStore where TContext : DbContext
{
    public Task<IdempotentRequest?> FindAsync(HttpContext http, IdempotentRequest request, CancellationToken cancellationToken) =>
        Matching(http, request).AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    public Task KeepResponseAsync(HttpContext http, IdempotentRequest completed, CancellationToken cancellationToken) =>
        Matching(http, completed).ExecuteUpdateAsync(
            set => set
                .SetProperty(r => r.ResponseStatus, completed.ResponseStatus)
                .SetProperty(r => r.ResponseContentType, completed.ResponseContentType)
                .SetProperty(r => r.ResponseLocation, completed.ResponseLocation)
                .SetProperty(r => r.ResponseBody, completed.ResponseBody),
            cancellationToken);

    private static IQueryable<IdempotentRequest> Matching(HttpContext http, IdempotentRequest request) =>
        http.RequestServices.GetRequiredService<TContext>().Set<IdempotentRequest>()
            .Where(r => r.Subject == request.Subject && r.Route == request.Route && r.Key == request.Key);
}
