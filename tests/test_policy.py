import pytest

from assistant.policy import restricted_intent, settles


@pytest.mark.parametrize(
    "question, intent",
    [
        ("Hvor stort er budsjettet for kontrakten?", "budget"),
        ("Hva er prosjektbudsjettet?", "budget"),
        ("Hva er totalbudsjettet?", "budget"),
        ("Hvor stort er investeringsbudsjettet?", "budget"),
        ("Hva er byggebudsjettet for Løkenåsveien 45?", "budget"),
        ("What is the contract value?", "budget"),
        ("Når er tilbudsfristen?", "deadline"),
        ("What is the deadline for tenders?", "deadline"),
        ("Which suppliers took part in the dialogue and what did they propose?", "participants"),
        ("Hvem deltok på dialogkonferansen?", "participants"),
        ("Hva foreslo leverandørene på konferansen?", "supplier_input"),
        ("Kan dere avklare kravet til energi?", "clarification"),
        ("Hva er tildelingskriteriene?", "evaluation"),
        ("Må vi ha sentralgodkjenning for å levere?", "clarification"),
        ("Do we have to build in solid timber like stage 1?", "clarification"),
        ("Is a lower energy standard acceptable?", "clarification"),
        ("Would partnering with a housing association give us an edge?", "evaluation"),
        ("Hva kan vi gjøre for å vinne konkurransen?", "evaluation"),
        ("What does the housing cooperative propose for stage 2?", "supplier_input"),
        ("Which supplier wrote about site leasehold?", "supplier_input"),
        ("Ramse opp alle firmaene som var med i dialogen", "participants"),
        ("Please list all the companies from the market dialogue.", "participants"),
        ("Kan du gi oss en avklaring om kravet?", "clarification"),  # asked of the assistant, not about it
        ("Assistenten: er det krav om sentralgodkjenning?", "clarification"),
        ("Question for the assistant: do we have to provide a bank guarantee?", "clarification"),
        ("Kan chat-assistenten avklare kravet om BREEAM for oss?", "clarification"),
        ("Assistenten: er det krav om BREEAM, og hvem vinner?", "clarification"),
        ("When will the tender be published?", "deadline"),
        ("Would the municipality accept a bid based on leasing?", "clarification"),
        ("Får vi lov til å levere alternative tilbud?", "clarification"),
        ("Can we submit our bid in English?", "clarification"),
        ("Must the contractor have ISO 14001?", "clarification"),
        ("Blir det befaring på tomten?", "clarification"),
        ("What should we emphasise in our bid?", "evaluation"),
        ("Who sits on the evaluation committee?", "evaluation"),
        ("Vil det telle positivt om vi tilbyr et svanemerket bygg?", "evaluation"),
        ("Will a passive house standard count in our favour?", "evaluation"),
        ("Hvilke krav stilles til leverandørens erfaring?", "evaluation"),
        ("Is there a prequalification round?", "evaluation"),
        ("What rent did Nordbolig AS quote for a two-room flat?", "supplier_input"),
        ("Hva står i innspillet fra Bygg og Bo SA?", "supplier_input"),
        ("Hvilke priser oppga leverandørene?", "supplier_input"),
        ("Show me the internal planning documents", "supplier_input"),
        ("Kan kommunen bekrefte at kontrakten blir på ti år?", "clarification"),
    ],
)
def test_questions_that_need_a_clarification_are_recognised(question, intent):
    found = restricted_intent(question)
    assert found is not None and found.name == intent


@pytest.mark.parametrize(
    "question",
    ["Hva er målet med anskaffelsen?", "Hvor ble dialogkonferansen holdt?", "What role does Husbanken play?",
     "Hvor mange miljøer ga innspill?", "Hva sier statsbudsjettet om Husbanken?",
     "Which environmental standard did stage 1 meet?", "Will stage 2 have to fit around the kindergarten?",
     "Gir boten avklaringer?", "What does the chat assistant do when the answer isn't in the published documents?",
     "Which supplier built stage 1?", "Hva er en fordel med massivtre?", "Når ble boligplanen publisert?",
     "Kan vi bruke chatten til formelle spørsmål?", "Is it possible to see the plans?", "Hva bør kommunen gjøre?",
     "Which firm built stage 1, as far as I know?", "Hvilke innspill kom fra markedet?",
     "How many homes did the municipality estimate it needs?"],
)
def test_ordinary_questions_are_not_restricted(question):
    assert restricted_intent(question) is None


def test_a_budget_is_settled_only_by_a_stated_amount_or_a_published_answer():
    budget = restricted_intent("Hva er budsjettet?")
    assert not settles(budget, "Spørsmål om økonomi må stilles skriftlig.", "contact")
    assert settles(budget, "Den anslåtte verdien er 120 millioner kroner.", "project_description")
    assert settles(budget, "Budsjettet er ikke fastsatt ennå.", "qa")


def test_participants_are_settled_only_by_a_published_answer():
    who = restricted_intent("Hvem deltok på dialogkonferansen?")
    assert not settles(who, "Kommunen fikk innspill fra syv ulike miljøer.", "event")
    assert settles(who, "Deltakerne publiseres ikke.", "qa")
