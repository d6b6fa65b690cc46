import ChannelDomain
import ChannelLedgerTesting
import Testing

/// Forgetting a customer: recorded once per key there is to delete, never with personal data.
@Suite("Customer")
struct CustomerTests {
    static let forgotten = CustomerEvent.forgotten(CustomerForgotten(trigger: "request"))

    @Test("forgetting a customer records why")
    func forget() {
        let state = Spec(Customer.self).when(.forget(trigger: "request", keyExists: true)).then([Self.forgotten])
        #expect(state.timesForgotten == 1)
        Spec(Customer.self).when(.forget(trigger: "PERSONAL_DATA_DELETION_TASK_COMPLETED", keyExists: false))
            .then([.forgotten(CustomerForgotten(trigger: "PERSONAL_DATA_DELETION_TASK_COMPLETED"))])
    }

    @Test("forgetting again records nothing, unless a new key was made since")
    func again() {
        Spec(Customer.self).given([Self.forgotten]).when(.forget(trigger: "request", keyExists: false)).thenNothing()
        Spec(Customer.self).given([Self.forgotten]).when(.forget(trigger: "request", keyExists: true))
            .then([Self.forgotten])
    }
}
