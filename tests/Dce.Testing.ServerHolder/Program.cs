using Dce.Testing;

// Starts one middleware server through the harness, says so and waits to be killed: the harness's own tests kill
// this process the hard way and check that the server went with it.
_ = args switch
{
    ["redis"] => (object)await SharedMiddleware.RedisAsync(),
    ["postgres"] => await SharedMiddleware.PostgresAsync(),
    ["rabbitmq"] => await SharedMiddleware.RabbitMqAsync(),
    _ => throw new ArgumentException("usage: Dce.Testing.ServerHolder redis|postgres|rabbitmq"),
};
Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
