using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dce.ServiceDefaults.Idempotency;

/// <summary>
/// Applies an authenticated write with an <c>Idempotency-Key</c> once: a seen key is answered from its record; an
/// unseen one runs the handler with its response held, the record riding on the handler's first SaveChanges, and the
/// response kept in the record afterwards (below 500). A write that saves nothing records nothing; anonymous callers
/// and anonymous endpoints (sign-in, token refresh) are not deduplicated. A replay runs the endpoint's
/// <see cref="ReplayedAuthorization"/> filters first: the record answers only a caller who may still make the call.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IOptions<IdempotencyOptions> options, IServiceProvider services)
{
    private readonly TimeProvider _clock = services.GetService<TimeProvider>() ?? TimeProvider.System;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!IdempotencyKey.Applies(http.Request)
            || !http.Request.Headers.TryGetValue(IdempotencyKey.Header, out var header)
            || http.RequestServices.GetService<IIdempotentRequestStore>() is not { } store)
        {
            await next(http);
            return;
        }

        if (IdempotencyKey.Parse(header) is not { } key)
        {
            await IdempotentReplies.InvalidKeyAsync(http);
            return;
        }

        if (http.User.FindFirst("sub")?.Value is not { Length: > 0 and <= IdempotencyKey.MaxSubjectLength } subject
            || http.GetEndpoint() is not RouteEndpoint endpoint
            || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || $"{http.Request.Method} {endpoint.RoutePattern.RawText}" is not { Length: <= IdempotencyKey.MaxRouteLength } route)
        {
            await next(http);
            return;
        }

        var record = new IdempotentRequest
        {
            Subject = subject,
            Route = route,
            Key = key,
            RequestHash = await IdempotencyKey.HashAsync(http.Request, http.RequestAborted),
            CreatedAt = _clock.GetUtcNow(),
        };

        if (await store.FindAsync(http, record, http.RequestAborted) is { } seen)
        {
            if (await RefusalAsync(http, endpoint) is { } refusal)
            {
                await WriteAsync(http, refusal);
                return;
            }

            await IdempotentReplies.FromRecordAsync(http, seen, record.RequestHash, _clock.GetUtcNow(), options.Value);
            return;
        }

        await RunOnceAsync(http, store, new IdempotencyScope(record));
    }

    /// <summary>The first refusal of the endpoint's authorization filters: the caller's rights now, not when the record was made.</summary>
    private static async Task<object?> RefusalAsync(HttpContext http, Endpoint endpoint)
    {
        foreach (var authorization in endpoint.Metadata.GetOrderedMetadata<ReplayedAuthorization>())
        {
            if (await authorization.RefusalAsync(http) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static Task WriteAsync(HttpContext http, object refusal) => refusal switch
    {
        IResult result => result.ExecuteAsync(http),
        _ => http.Response.WriteAsJsonAsync(refusal, http.RequestAborted),
    };

    private async Task RunOnceAsync(HttpContext http, IIdempotentRequestStore store, IdempotencyScope scope)
    {
        var originalBody = http.Features.Get<IHttpResponseBodyFeature>()!;
        using var capture = new ResponseCapture(originalBody.Stream, options.Value.MaxResponseBytes);
        var heldBody = new StreamResponseBodyFeature(capture, originalBody);
        http.Features.Set<IHttpResponseBodyFeature>(heldBody);
        ExceptionDispatchInfo? failure = null;
        try
        {
            using (scope.Enter())
            {
                try
                {
                    await next(http);
                }
                catch (Exception exception) when (scope.Collided)
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }

                await heldBody.CompleteAsync();
            }
        }
        finally
        {
            http.Features.Set(originalBody);
        }

        if (scope.Recorded)
        {
            await KeepAsync(http, store, scope.Record, capture);
            await capture.ReleaseAsync(http.RequestAborted);
            return;
        }

        // Nothing recorded here; another replica may have applied the same key meanwhile, and its record answers.
        if (!capture.Overflowed && !http.Response.HasStarted
            && await store.FindAsync(http, scope.Record, http.RequestAborted) is { } seen)
        {
            http.Response.Clear();
            await IdempotentReplies.FromRecordAsync(http, seen, scope.Record.RequestHash, _clock.GetUtcNow(), options.Value);
            return;
        }

        failure?.Throw();
        await capture.ReleaseAsync(http.RequestAborted);
    }

    private static Task KeepAsync(HttpContext http, IIdempotentRequestStore store, IdempotentRequest record, ResponseCapture capture)
    {
        if (capture.Overflowed || http.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            return Task.CompletedTask;
        }

        if (http.GetEndpoint()?.Metadata.GetMetadata<IdempotentResponseNotKept>() is not null)
        {
            IdempotentReplies.NotKept(record);
        }
        else
        {
            record.ResponseStatus = http.Response.StatusCode;
            record.ResponseContentType = http.Response.ContentType;
            record.ResponseLocation = http.Response.Headers[HeaderNames.Location].ToString() is { Length: > 0 } location ? location : null;
            record.ResponseBody = capture.Held;
        }

        return store.KeepResponseAsync(http, record, CancellationToken.None);
    }
}
