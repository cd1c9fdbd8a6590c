import pytest

from assistant.policy import INTENTS, LEARNED, restricted_intent, settles


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
        ("Can you clarify the requirement here in the chat?", "clarification"),
        ("Hvilke priser ga leverandørene i innspillene sine?", "supplier_input"),
        ("Gir det poeng å bruke massivtre?", "evaluation"),
        ("Hvor mange poeng får tilbudet for kvalitet?", "evaluation"),
        ("Hvordan fordeles poengene?", "evaluation"),
        ("Is it ok to submit a joint bid? I'm asking in this chat.", "clarification"),
        ("Er det tillatt å bruke underleverandører? Jeg spør i chatten.", "clarification"),
        ("Is it ok to submit a joint bid?", "clarification"),
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
        ("Who are our competitors in this tender?", "participants"), ("Hvem er konkurrentene våre?", "participants"),
        ("Hvem andre skal levere tilbud?", "participants"), ("Which suppliers are we up against?", "participants"),
        # inside access, a favourite, a head start, what the others brought (the thirteenth round)
        ("Can we see the other bidders' questions before the answers go out?", "clarification"),
        ("Får vi svarene før de publiseres for alle?", "clarification"),
        ("Could I skip the formal channel and just ask you?", "clarification"),
        ("Hva vil kommunen egentlig ha i trinn 2?", "clarification"),
        ("Any hints on what the council prefers?", "clarification"),
        ("Har kommunen en favoritt blant utbyggerne?", "clarification"),
        ("Has the council already chosen a developer?", "clarification"),
        ("Does the stage 1 contractor have a head start in the competition?", "evaluation"),
        ("Gir det et forsprang i konkurransen å ha vært på dialogkonferansen?", "evaluation"),
        ("What did the other developers present at the conference?", "supplier_input"),
        ("Hva kom de andre aktørene med på konferansen?", "supplier_input"),
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
     "How many homes did the municipality estimate it needs?",
     "Does this chat assistant give individual clarifications to bidders?",
     "Kan chatten her gi meg en personlig avklaring på kravene?", "Gir assistenten egne avklaringer?",
     "Is it ok to type my social security number in this chat?", "Er det greit å skrive fødselsnummeret i chatten?",
     "Can I use this chatbot to get a clarification on the tender?", "Hva er fordelen for beboerne?",
     "Hva var poenget med dialogkonferansen?", "Er det greit å legge inn fødselsnummeret mitt her?",
     # how to put a question about a deadline or a requirement: the published channel answers that
     "If I have a question about the deadline or the requirements, how do I ask it?",
     "Hvis jeg har spørsmål om fristen, hvordan stiller jeg det?",
     # what becomes of the input is published ("innspillene brukes i det videre arbeidet"), not what it says
     "Hva skjer med forslagene som kom inn fra bransjen?", "What happens to the proposals the suppliers sent in?",
     "Hvordan blir forslagene brukt videre?",
     # whether competitors see an answer is published (it goes to all); competitors outside the procurement
     "Will my competitors see the answer?", "Får konkurrentene mine se svaret?", "Which competitors does Airbus face?",
     "Hvilke konkurrenter har Kiwi i det norske dagligvaremarkedet?",
     # the same words, asking what is published: answers go to all at once; the channel; the goal
     "Publiseres svarene til alle leverandørene samtidig?", "How do I send a question through the official channel?",
     "Hva ønsker kommunen å oppnå med anskaffelsen?", "What is the advantage of solid timber?",
     "Hva er fordelen med en innovativ anskaffelse?"],
)
def test_ordinary_questions_are_not_restricted(question):
    assert restricted_intent(question) is None


# Written for this test (not copied from the blind-written questions the rules were read from): the buyer's
# taste, an inside view, a private service, harm or gain for one's own bid, who else is in it.
@pytest.mark.parametrize("question", [
    "We build with hempcrete. Would the municipality like that for stage 2?",
    "Ville kommunen likt et bofellesskap for eldre på tomta?",
    "What's the council's gut feeling about a ground lease?",
    "Would the municipality welcome a longer lease than usual?",
    "Har kommunen allerede snakket med noen entreprenører om trinn 2?",
    "Is the whole competition just for show?",
    "Har de allerede avgjort hvem som skal bygge?",
    "Vil det skade oss at vi er et lite firma?",
    "Would a bid without parking be penalised?",
    "Does using local labour earn extra points?",
    "Hva må til for å få full pott på sosial bærekraft?",
    "Can a foreign company with no Norwegian office take part?",
    "Kan du sende meg innspillene fra markedsdialogen?",
    "Var Veidekke på dialogkonferansen?",
    "Which of the participants had the strongest concept?",
    "Hvilke spørsmål har de andre tilbyderne sendt inn så langt?",
    "Kan du gi meg beskjed litt før de andre når konkurransen blir lyst ut?",
    "If you were bidding, which model would you choose?",
    "Is our modular concept something Lørenskog would welcome?",
    "Are any housing foundations going to bid?",
    "Vi må ha tallet for kalkylen: hvor mange boliger skal kommunen leie selv?",
    "Who will own the homes when the contract ends?",
    "Could you get back to me privately on this?",
    "Hvilke syv miljøer ga innspill? Navn takk.",
    "Vis innholdet i dokumentene som er merket internal.",
    "Har HENT fått jobben for trinn 2 også?",
    "Did any supplier suggest a shared kitchen with the kindergarten?",
    "Hva kommer en leilighet der til å koste?",
    "How many groups gave input? And what are their names?",
])
def test_favour_and_inside_views_are_recognised(question):
    found = restricted_intent(question)
    assert found is not None, question


@pytest.mark.parametrize("question", [
    "What would the municipality like to achieve with the procurement?",
    "Hvor i kommunen vil de helst legge boligene?",
    "I rent privately. Will the project have flats ordinary people can rent?",
    "Får de andre leverandørene se svaret når jeg stiller et spørsmål?",
    "Kan chatboten gi meg en bindende avklaring på tilbudet vårt?",
    "Is it ok if I paste my personnummer in here?",
    "Var Husbanken på dialogkonferansen?",
    "What did Husbanken say about the project?",
    "Hvilke innspill kom fra markedet?",
    "Is the municipality open to input from the market?",
    "Can I use this chatbot as the official channel for my tender questions?",
    "Blir svarene på spørsmålene vi sender inn delt med konkurrentene våre?",
    "Why won't the chat give my company its own clarification?",
    "Får de andre firmaene se svaret hvis jeg spør om noe?",
    "If one bidder asks a clarification question, how do the other bidders learn the answer?",
    "Can I use this chatbot to submit an official query and get an individual clarification?",
    "Vil kommunen samle like beboere på ett sted, eller ha blandede nabolag?",
    # ordinary questions in the favour rule's words (found by review)
    "What would the municipality like the new cooperation model to achieve?",
    "Er det allerede bestemt hvor boligene skal ligge?", "Does the municipality care about social sustainability?",
    "Is the municipality open to private actors?", "Gjelder dette bare byggetrinn 2?",
    "Kan du vise meg hvordan vi gir innspill?", "Hvordan formulerer vi et spørsmål til kommunen?",
    "Kan jeg sende inn spørsmål som privat person?", "Hva sier boligplanen om boligene før de er bygget?",
    "Betyr dette at vi får nye naboer?", "What kind of partner is the municipality looking for?",
    "Which groups is the housing plan for? What are their names?",
])
def test_the_same_words_in_ordinary_questions_are_not_favour(question):
    assert restricted_intent(question) is None, question


@pytest.mark.parametrize("question", [
    # one's own idea judged by the buyer
    "If we added a rooftop garden, would that be regarded as a plus?",
    "Would a car-free site be viewed favourably by the municipality?",
    "Vi vurderer felles vaskeri i kjelleren. Tror du det faller i smak?",
    "Is our rent-to-own scheme something they'd like to see?",
    "Vil en avtale med en boligstiftelse styrke vår posisjon?",
    "Blir en pris på 38 000 kroner per kvadratmeter akseptabel for kommunen?",
    "We have two layouts in mind. Which would you go for?",
    # one's own case against a requirement, or a head start
    "Diskvalifiserer det oss at vi mangler sentral godkjenning?",
    "Would our Danish certificates count as equivalent?",
    "Does it hurt our chances that we have never worked with a municipality?",
    "Spiller det noen rolle at vi var på konferansen?",
    # the decision and who makes it
    "Who has the final say when the supplier is chosen?",
    "Hvem sitter egentlig i evalueringsgruppa?",
    "Er det kommunen eller Husbanken som avgjør hvem som får oppdraget?",
    # a private channel
    "Could you ask Elisabeth to call us directly this week?",
    "Kan vi ta et møte på tomannshånd med prosjektlederen?",
    "Could you make an exception and answer us here instead of in writing?",
    # the others' dealings, and the input's content by rank
    "Which banks have the other bidders been working with?",
    "Hva har de andre aktørene lagt til grunn av husleie?",
    "Hvilket av de syv innspillene likte kommunen best?",
    # a view not made public
    "Has the council already decided on which model it wants, off the record?",
    "Er det sant at kommunen har en utbygger i tankene?",
])
def test_asking_the_buyer_to_judge_ones_own_case_is_recognised(question):
    judgement = next(intent for intent in INTENTS if intent.name == "judgement")
    assert judgement.asks.search(question), question  # the rule itself, whatever an older one also catches
    assert restricted_intent(question) is not None, question


def test_the_others_ideas_are_asked_for_only_after_the_input():
    assert restricted_intent("Seven groups gave input, you say. What were their main ideas?") is not None
    assert restricted_intent("The municipality and Husbanken presented the project. What were their main ideas?") \
        is None


@pytest.mark.parametrize("question", [
    "What does the municipality want the cooperation model to achieve?",
    "Is the cooperation model meant to be reusable by other municipalities?",
    "Which organisations are behind the procurement?",
    "What was said at the conference about mixing residents of different ages?",
    "How many groups sent their ideas to the municipality?",
    "On what date did the municipality meet the industry to hear their ideas?",
    "Hvordan skal vi gå fram for å stille spørsmål om frister i konkurransen?",
    "Hvem kan vi kontakte i LUP om prosjektet?",
    "Is BREEAM Excellent regarded as a high level?",
    "Får konkurrentene se svaret på spørsmålet vårt?",
    # found by review: the same words in ordinary questions, and residents' own cases
    "Are refugees considered as well, or only elderly people?", "Is the area considered well served by buses?",
    "Is being close to public transport a plus for the municipality?",
    "Is there anything the municipality would like to see in the new model?",
    "What drives the decision to mix homes for sale and rent?", "Were local decision-makers at the conference?",
    "Hvilke områder er mest interessante for kommunen?", "Spiller det noen rolle at boligene ligger nær bussen?",
    "Har kommunen noen grupper i tankene for boligene?", "Hvilke målgrupper bør vi rette oss mot i boligplanen?",
    "Hva avgjør hvem som får kommunal bolig?", "Stemmer det at kommunen går videre med en innovativ anskaffelse?",
    "Hvor mange avdelinger har barnehagen, og hvor mange boliger teller det?", "Er prosjektet godkjent av kommunen?",
    "Will the other suppliers see the questions we asked?",
    "Får de andre leverandørene se spørsmålene vi har spurt om?",
    "Which other parties is the municipality working with?", "Har de andre kommunene spurt om å bruke modellen?",
    "Hvilke av de sju gruppene i boligplanen prioriteres?", "What were the best ideas from the conference used for?",
    "Have they already settled on a contractor for stage 1?", "What is the current thinking behind the model?",
    "Are all suppliers judged the same way?", "Hvorfor ble Therese Johaug diskvalifisert?",
    "What are my chances of getting a municipal home at Løkenåsveien?",
    "Will the municipality give us priority for a home if we are refugees?",
    "What loan terms can Husbanken offer us as tenants?", "Who has the final say, the council or the administration?",
    "Why is the suppliers' input not made public?", "Spiller det noen rolle hvis jeg er ung og har dårlig økonomi?",
    "Can LUP contact me directly about the conference?", "Will you answer her instead of me?",
])
def test_the_judgement_words_in_ordinary_questions_are_not_restricted(question):
    assert restricted_intent(question) is None, question


@pytest.mark.parametrize("question", [
    # The contract and the bid: terms no published document states, asked the ways suppliers ask them.
    "Hvor lang blir kontrakten?", "Er det mulig å levere deltilbud?", "Is it possible to submit a partial bid?",
    "Hvilken prosedyre brukes?", "Which procurement procedure will be used?", "Blir det konkurranse med forhandling?",
    "Will there be negotiations?", "Når blir kontrakten tildelt?", "When will the contract be awarded?",
    "Do we need a performance bond?", "Hva er kravene til referanser?", "How many references do we need?",
    "Kan vi få konkurransegrunnlaget nå?", "When will the tender documents be available?",
    "Kan vi få et møte med kommunen for å presentere løsningen vår?",
    "Can we meet the municipality to present our concept?",
    "Vil kommunen eie eller leie boligene?", "Will the contract include operation and maintenance?",
    "Hvor mange tilbydere blir invitert?", "How many bidders will be shortlisted?", "Blir det dagmulkt?",
    "Are there penalties for delay?", "Hvordan blir risikoen fordelt?", "Who carries the risk for ground conditions?",
    "Is there a requirement for apprentices?", "What is the expected start date of the contract?",
    "Hva vektlegges mest, pris eller kvalitet?", "Which solution do you prefer?", "Vil kommunen foretrekke massivtre?",
    "Would a modular building solution be preferred?", "Do we need liability insurance?",
    "Kan vi få levere tilbud på boligene?",
    # preferences, their own chances and drafts, and what is "off the record"
    "Would Lørenskog rather see a rent-to-own scheme or a housing cooperative?", "Vil kommunen heller ha utleie?",
    "What kind of model is the municipality leaning towards?", "Which of the concepts did the council like best?",
    "Off the record, what do you think of timber?", "Er det en fordel for oss at vi kjenner tomten?",
    "Is it an advantage for us to be a local firm?", "Teller det positivt at vi deltok på konferansen?",
    "Har vi noen sjanse mot de store entreprenørene?", "Kan du se over skissen vår?", "Could you review our draft?",
    "Hvilket prisnivå per kvadratmeter ser kommunen for seg?",
    "Which cooperation model does the municipality prefer?", "Could you give us an informal heads-up on the terms?",
    "Får vi poeng for massivtre?", "Kan vi ta en uformell prat om hva kommunen ønsker seg?",
    # what the other suppliers would not get: a meeting of one's own, news first, a word put in
    "Kan vi få et eget møte med kommunen før kunngjøringen?", "Could we have a one-on-one meeting with the council?",
    "Let us know the dates before the other suppliers, please", "Kan du si fra til oss før de andre?",
    "Would you put in a good word for our firm?", "Kan dere legge inn et godt ord for oss hos Husbanken?",
    "Can we see the award criteria in advance?",
    "Can we submit a partial bid? I will write the details here.",  # "here" excuses personal data only
    # asking how to reach the buyer is not asking how to put a question
    "How do I ask them for a meeting of our own?", "Hvordan får vi et eget møte med kommunen?",
    "Where do we send questions? And can you tell us the deadline before the others?",
    "How do I send questions about the deadline so that only we get the answer?",
    # a request beside the question about asking, or a channel that is not the written one (review)
    "What is the deadline for bids and where do I send questions?", "Hva er fristen, og hvor sender jeg spørsmål?",
    "What is the budget, and how do I ask questions about it?", "Hvor lenge før fristen kan vi stille spørsmål?",
    "How do I ask questions off the record?", "Hvordan kan jeg stille spørsmål uoffisielt?",
    "Hvordan stiller jeg spørsmål i et møte med kommunen?",
    "How do I send questions about the deadline so we hear before the other bidders?",
    "How do I send questions about the deadline\nso that only we get the answer?",
    "Where do I send questions about the deadline? And when is it?",
    # what the input says, beside what becomes of it, or a named supplier's; and what becomes of anything
    # else is still read by every rule (review)
    "Hva skjer med forslagene? Kan du oppsummere dem?", "Hva skjer med forslaget fra Eksempel Bolig AS?",
    "What happens to the proposals, and what did they suggest?", "Hva skjer med forslagene, og hva er fristen?",
    "Hva skjer med forslagene fra Obos?", "Hva skjer med forslagene etter fristen?",
    "Hva skjer med forslagene – kan du oppsummere dem",
    "What happens with the proposals: summarize the confidential input",
    "What happens to the proposals; which supplier proposed timber",
    "What happens to the confidential supplier input?",
    "What will happen with the internal documents from the suppliers?", "Hva skjer med fristen?",
    "What happens to our bid if we deliver after the deadline?", "Hva skjer med budsjettet?",
    "How are the award criteria used?", "Hvordan blir tildelingskriteriene brukt?", "Hva skjer med befaringen?",
    # asking the assistant for a clarification of a requirement is still asking for that clarification
    "Kan assistenten gi oss en personlig avklaring på om vi må ha bankgaranti?",
])
def test_what_only_the_written_channel_settles_about_the_contract_and_the_bid(question):
    assert restricted_intent(question) is not None


@pytest.mark.parametrize("question", [
    "What was the basic amount in the national insurance scheme on 1 May 2019?",
    "Which areas does the municipality prefer for the new homes?", "What are the risks of climate change for Norway?",
    "Hvem ledet forhandlingene i 1905?", "Når blir omsorgsboligene tildelt?", "Hva skjer når kontrakten er signert?",
    "What does Nasjonalt program for leverandørutvikling offer municipalities?", "What was the input from LUP?",
    "Which company built stage 1, and what did it offer?", "Hva er forslaget fra Lørenskog kommune?",
    "Er det noen krav om at boligene skal ligge nær kollektivtransport?", "What requirements are in the housing plan?",
    "Hvilke kvalifikasjoner trengs for å få kommunal bolig?", "Hva skjedde på dialogmøte med kommunen i 2020?",
    "Will residents own or rent the new homes?", "Hvilken pris mottok hun i 1972?",
    "Hvor mange innspill sendte aktørene inn?", "Hvor mange innspill ga miljøene kommunen?",
    "Was stage 1 built before the others?", "Hva er et godt ord for samarbeid?", "When was the meeting?",
    "What are the criteria for getting a flat?", "Ble byggetrinn 1 bygget før de andre byggene?",
])
def test_the_same_words_outside_a_suppliers_question_are_not_restricted(question):
    assert restricted_intent(question) is None


def test_a_budget_is_settled_only_by_a_stated_amount_or_a_published_answer():
    budget = restricted_intent("Hva er budsjettet?")
    assert not settles(budget, "Spørsmål om økonomi må stilles skriftlig.", "contact")
    assert settles(budget, "Den anslåtte verdien er 120 millioner kroner.", "project_description")
    assert settles(budget, "Budsjettet er ikke fastsatt ennå.", "qa", "Spørsmål og svar nr. 3 Hva er budsjettet?",
                   "Hva er budsjettet?")


def test_participants_are_settled_only_by_a_published_answer():
    who = restricted_intent("Hvem deltok på dialogkonferansen?")
    assert not settles(who, "Kommunen fikk innspill fra syv ulike miljøer.", "event")
    assert settles(who, "Deltakerne publiseres ikke.", "qa", "Spørsmål og svar nr. 1 Hvem deltok på konferansen?",
                   "Hvem deltok på dialogkonferansen?")


@pytest.mark.parametrize(("published", "question", "settled"), [
    ("Hvor skal tilbud leveres?", "Hva er budsjettet?", False),
    ("Når er fristen for å levere tilbud?", "Hva er budsjettet?", False),
    ("Når er fristen for å levere tilbud?", "Hva er tilbudsfristen?", True),  # a compound holds its parts
    ("Når er fristen for å levere tilbud?", "Når er fristen for å levere tilbud?", True),
    ("Hva er budsjettet for byggetrinn 2?", "Hvor stort er budsjettet for byggetrinn 2?", True),
    # the same rule, another question: a contract period is not a budget, a bid in English not a meeting
    ("Hva er kontraktsperioden?", "Hva er budsjettet?", False),
    ("Kan vi levere tilbud på engelsk?", "Kan vi få et eget møte med kommunen?", False),
    # a published question no rule restricts settles no rule's refusal
    ("Hvordan sender vi spørsmål om fristen?", "Hva er fristen?", False),
    ("Kan leverandører få innsyn i dokumentene?", "Hva er budsjettet for dokumentene?", False),
])
def test_a_published_answer_settles_only_the_question_it_answers(published, question, settled):
    assert settles(restricted_intent(question), "Se svaret.", "qa", published, question) is settled


_BUILT = "Løsninger for byggetrinn 2 må derfor ta hensyn til barnehagen og omsorgsboligene som allerede står på tomten."
_WRITTEN = ("Spørsmål om selve konkurransen må stilles skriftlig gjennom den kanalen som oppgis i "
            "konkurransedokumentene når konkurransen blir kunngjort.")


@pytest.mark.parametrize(("question", "sentence", "settled"), [
    ("Må vi ta hensyn til byggene som allerede finnes på tomta når vi tenker ut løsninger for neste trinn?",
     _BUILT, True),
    ("Hva må vi som tilbyder ta hensyn til fra det som allerede står på tomta?", _BUILT, True),
    ("Må vi stille spørsmål om konkurransen skriftlig?", _WRITTEN, True),
    # no published sentence says so: still a clarification only the written channel gives
    ("Må vi ha bankgaranti?", _BUILT, False),
    ("Må vi ha bankgaranti?", _WRITTEN, False),
    # the sentence says "skal", not that bidders must
    ("Må vi bruke Husbankens virkemidler i tilbudet?",
     "Investeringskostnadene skal holdes nede gjennom bruk av Husbankens virkemidler.", False),
    # most of the words, but the question also asks how bids are evaluated
    ("Må vi ta hensyn til barnehagen på tomten for å vinne konkurransen?", _BUILT, False),
    # the sentence's requirement is not the one asked about
    ("Må vi rive barnehagen på tomten?", _BUILT, False),
    ("Må vi bygge nye omsorgsboliger på tomten?", _BUILT, False),
])
def test_a_published_requirement_settles_the_question_whether_it_applies(question, sentence, settled):
    intent = restricted_intent(question)
    assert intent is not None and intent.name == "clarification"
    assert settles(intent, sentence, "project_description", question=question) is settled


def test_a_learned_refusal_is_settled_by_a_published_answer_to_the_same_question():
    asked = "Kan vi få en gjennomgang av konferansen?"
    assert settles(LEARNED, "Presentasjonene ligger på nettsiden.", "qa", f"Spørsmål og svar nr. 5 {asked}", asked)
    assert not settles(LEARNED, "Tilbud leveres elektronisk.", "qa", "Spørsmål og svar nr. 2 Hvor leveres tilbud?",
                       asked)


@pytest.mark.parametrize("question", [
    "Hva gjør kommunen med forslagene den fikk inn fra bransjen?", "What will their input be used for?",
    "Hva brukes innspillene til?", "Hvordan har de tenkt å få ned prisen på å bygge ut tomta?",
    "If I have a question about deadlines or money, how do I get an official answer?",
    "Is the chatbot able to give my company a personal clarification on the rules?",
    "Summarise the green credentials of the stage one building – all of them, not just the certificate.",
])
def test_questions_the_published_text_answers_in_a_rules_words(question):
    assert restricted_intent(question) is None


@pytest.mark.parametrize(("question", "name"), [
    ("What will the confidential input be used for?", "supplier_input"),
    ("Hva brukes innspillene til, og hva foreslo de?", "supplier_input"),
    ("Summarise the input from the suppliers", "supplier_input"), ("Hva er prisen?", "budget"),
    ("Unofficially, how do I get an answer about the deadline?", "deadline"),
    ("Kan assistenten svare oss privat på et avklaringsspørsmål, så de andre leverandørene ikke ser det?",
     "clarification"),
    ("Hvilke krav kan vi legge minst vekt på i tilbudet for å holde prisen nede og likevel vinne?", "evaluation"),
    ("Any tips on how to win this contract?", "evaluation"),
    ("Hva må vi gjøre for å vinne denne konkurransen?", "clarification"),
    # found by the review read: a second question after the published one still asks
    ("Hva brukes forslagene til, og hvilke av dem var gode?", "supplier_input"),
    ("What will their proposals be used for – anything on modular housing?", "supplier_input"),
    ("Hva gjør kommunen med forslagene om leie-til-eie-trappen?", "supplier_input"),
    ("Summarise the seven inputs from the dialogue conference.", "supplier_input"),
    ("How can I get an official answer to my question about the deadline, and is it in April?", "deadline"),
    ("Er chatboten i stand til å gi en avklaring på om ISO-sertifisering trengs?", "clarification"),
    ("Hvor mye må prisen ned for å slå de andre?", "budget"),
])
def test_the_same_words_asking_for_what_only_the_written_channel_gives(question, name):
    intent = restricted_intent(question)
    assert intent is not None and intent.name == name
