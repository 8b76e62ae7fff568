using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dce.ServiceDefaults.Shutdown;

/// <summary>
/// A long-lived stream (<c>?watch=true</c>, <c>?follow=true</c>) sees its <see cref="HttpContext.RequestAborted"/> fire
/// when the drain is over, so it ends and its client reconnects to another replica instead of holding the stop until
/// the shutdown timeout.
/// </summary>
internal sealed class StreamsEndAtDrainStartupFilter(ShutdownDrain drain) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextStep) =>
        {
            if (!IsStream(context.Request))
            {
                await nextStep(context);
                return;
            }

            var aborted = context.RequestAborted;
            using var endsAtDrain = CancellationTokenSource.CreateLinkedTokenSource(aborted, drain.Drained);
            context.RequestAborted = endsAtDrain.Token;
            try
            {
                await nextStep(context);
            }
            finally
            {
                context.RequestAborted = aborted;
            }
        });
        next(app);
    };

    private static bool IsStream(HttpRequest request) =>
        request.QueryString.HasValue && (IsTrue(request.Query["watch"]) || IsTrue(request.Query["follow"]));

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";
}
