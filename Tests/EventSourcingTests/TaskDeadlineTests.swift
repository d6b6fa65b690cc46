import EventSourcing
import Testing

@Suite struct TaskDeadlineTests {
    @Test func givenATaskThatEndsInTimeWhenWaitedForThenItsValueIsReturned() async {
        let task = Task { 42 }
        #expect(await task.value(waitingAtMost: .seconds(30)) == 42)
    }

    @Test func givenATaskThatNeverEndsWhenTheLimitPassesThenNilIsReturnedAndTheTaskGoesOn() async {
        let gate = AsyncStream<Int>.makeStream()
        let task = Task { await gate.stream.first { _ in true } ?? -1 }
        #expect(await task.value(waitingAtMost: .milliseconds(50)) == nil)
        gate.continuation.yield(7)
        #expect(await task.value == 7)
    }
}
